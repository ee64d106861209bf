//! The app context: what every page needs once the experience has loaded:
//! the settings, the texts, the API client and the query parameters.
//!
//! [`crate::app::App`] loads it ([`load`]) before routing and provides it;
//! pages read it with [`use_experience`]:
//!
//! ```ignore
//! let experience = use_experience();
//! let heading = experience.t("description.sign_in_to_your_account");
//! let enabled = &experience.settings.sign_in.methods;
//! let link = experience.href("/register"); // keeps `app_id`
//! let journeys = experience.journeys(); // every call of the Experience API
//! ```

use std::{ops::Deref, sync::Arc};

use leptos::prelude::expect_context;

use crate::{
    api::{client::RawResponse, error::decode_json, ApiError, Client, ExperienceSettings, Phrases},
    embed::Options,
    i18n::I18n,
    journeys::{Journeys, Session},
    session::Query,
};

/// The loaded experience, cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Experience(Arc<Loaded>);

/// What [`Experience`] holds.
#[derive(Debug)]
pub struct Loaded {
    /// The settings, merged by the server with the application's and
    /// organization's branding.
    pub settings: Arc<ExperienceSettings>,
    /// The texts in the language the server resolved (`Content-Language`),
    /// or the bundled English when the phrases could not be loaded.
    pub i18n: I18n,
    /// The client with this sign-in's `app_id` and the page's language
    /// (the browser's languages when the phrases could not be loaded).
    pub client: Client,
    /// The query parameters the page was opened with (or remembered).
    pub query: Query,
    /// What survives a redirect: the tab's session storage.
    pub session: Session,
}

impl Deref for Experience {
    type Target = Loaded;
    fn deref(&self) -> &Loaded {
        &self.0
    }
}

impl Experience {
    /// `language` is the phrases' `Content-Language` (sent as
    /// `Accept-Language`); `None` leaves the browser's own languages.
    pub fn new(
        settings: ExperienceSettings,
        i18n: I18n,
        client: Client,
        language: Option<String>,
        query: Query,
    ) -> Self {
        let client = client.with_language(language);
        Self(Arc::new(Loaded {
            settings: Arc::new(settings),
            i18n,
            client,
            query,
            session: Session::browser(),
        }))
    }

    /// The journeys of this page (every API call sequence).
    pub fn journeys(&self) -> Journeys {
        Journeys::new(
            self.client.clone(),
            self.session.clone(),
            self.settings.clone(),
        )
    }

    /// The phrase at `key` (see [`I18n::t`]).
    pub fn t(&self, key: &str) -> String {
        self.i18n.t(key)
    }

    /// `path` with this sign-in's `app_id`, for links and navigations.
    pub fn href(&self, path: &str) -> String {
        crate::session::href(path, self.query.app_id.as_deref())
    }
}

/// The experience of the page; only inside [`crate::app::App`] once loaded.
pub fn use_experience() -> Experience {
    expect_context()
}

/// Why the experience could not load, with the texts to say so in (the
/// server's phrases if they came, else the bundled English).
#[derive(Debug, Clone)]
pub struct LoadError {
    pub error: ApiError,
    pub i18n: I18n,
}

/// Loads the settings and the phrases in parallel. The first call adopts
/// the requests the inline script in `index.html` started before the app
/// was downloaded (`window.__logtoBoot`); later calls (Retry) and pages
/// without that script (embedding, tests) send their own. `embedding`: the
/// options of an embedding application, if any (its API origin and theme).
pub async fn load(query: Query, embedding: Option<Options>) -> Result<Experience, LoadError> {
    let api_base = embedding.as_ref().map(|options| options.api_base.as_str());
    let client = Client::new(api_base.unwrap_or_default()).with_app_id(query.app_id.clone());
    let settings = async {
        let raw = match boot_request("experience") {
            Some(raw) => raw.await?,
            None => {
                return client
                    .experience_settings(query.organization_id.as_deref())
                    .await
            }
        };
        decode_json::<ExperienceSettings>(raw.status, &raw.body)
    };
    let phrases = async {
        let raw = match boot_request("phrases") {
            Some(raw) => raw.await?,
            None => return client.phrases(query.ui_locales.as_deref()).await,
        };
        Phrases::from_response(raw.status, raw.content_language.as_deref(), &raw.body)
    };
    let (settings, phrases) = futures::future::join(settings, phrases).await;
    let phrases = phrases.ok();
    let language = phrases
        .as_ref()
        .and_then(|phrases| phrases.language.clone());
    let i18n = I18n::new(phrases);
    match settings {
        Ok(mut settings) => {
            // Only the connectors this page can offer, as Logto's page
            // keeps them on load (`parseSignInExperienceResponse`): the
            // first screens, `/direct` and the buttons then agree.
            #[cfg(feature = "full")]
            let native = crate::native_sdk::read();
            #[cfg(not(feature = "full"))]
            let native = None;
            settings.social_connectors =
                crate::flow::social::offered_connectors(&settings, native.as_ref())
                    .into_iter()
                    .cloned()
                    .collect();
            if let Some(options) = &embedding {
                crate::embed::apply_theme(&options.theme, &mut settings);
            }
            Ok(Experience::new(settings, i18n, client, language, query))
        }
        Err(error) => Err(LoadError { error, i18n }),
    }
}

/// Takes (once) the `fetch` the inline script started for `name`.
#[cfg(target_arch = "wasm32")]
fn boot_request(
    name: &str,
) -> Option<impl std::future::Future<Output = Result<RawResponse, ApiError>>> {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let boot = Reflect::get(&leptos::prelude::window(), &"__logtoBoot".into()).ok()?;
    let boot: &js_sys::Object = boot.dyn_ref()?;
    let promise = Reflect::get(boot, &name.into()).ok()?;
    let _ = Reflect::delete_property(boot, &name.into());
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    Some(crate::api::client::adopt(
        promise,
        crate::api::client::DEFAULT_TIMEOUT_MS,
    ))
}

#[cfg(not(target_arch = "wasm32"))]
fn boot_request(_name: &str) -> Option<std::future::Ready<Result<RawResponse, ApiError>>> {
    None
}
