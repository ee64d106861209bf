//! The client's HTTP seam: how a prepared request reaches Logto.
//!
//! The page uses the browser's `fetch` ([`Fetch`]); the journeys' native
//! tests put the simulator in process behind it, and a headless user of the
//! journeys layer may put anything there (a proxy, a recorder, faults).

use std::{future::Future, pin::Pin, sync::Arc};

use super::client::{PreparedRequest, RawResponse};
use super::error::ApiError;

/// What [`Transport::send`] returns: a future of the page's own thread
/// (browser futures are not `Send`).
pub type Exchange = Pin<Box<dyn Future<Output = Result<RawResponse, ApiError>>>>;

/// Sends requests. Shared by every clone of a [`super::Client`], hence
/// `Send + Sync` (Leptos contexts require it).
pub trait Transport: Send + Sync {
    /// Sends `request`; a transport that cannot answer within `timeout_ms`
    /// answers [`ApiError::Timeout`].
    fn send(&self, request: PreparedRequest, timeout_ms: u32) -> Exchange;
}

/// The browser's `fetch` (outside WebAssembly: [`ApiError::Network`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct Fetch;

impl Transport for Fetch {
    fn send(&self, request: PreparedRequest, timeout_ms: u32) -> Exchange {
        Box::pin(super::client::transport(request, timeout_ms))
    }
}

/// The transport of [`super::Client::default`].
pub fn fetch() -> Arc<dyn Transport> {
    Arc::new(Fetch)
}
