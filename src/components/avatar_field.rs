//! The `avatar` profile field: a picture from the device, cropped in the
//! browser to a centred square, uploaded while registering (`POST
//! /api/experience/user-assets/avatar`, as Logto's page does) and sent as
//! the profile's `avatar` URL. Instead of a URL to type.

use leptos::{prelude::*, wasm_bindgen::JsCast};
use wasm_bindgen::{closure::Closure, JsValue};

use super::icon;
use crate::{api::ApiError, context::use_experience};

/// What the upload takes (Logto's image types, without icons and SVG).
const TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];
/// Logto's `maxUploadFileSize`.
const MAX_BYTES: f64 = 8.0 * 1024.0 * 1024.0;
const LIMIT: &str = "8 MB";
/// The side of the square sent: enough for any place an avatar is shown.
const SIDE: u32 = 256;

/// `value` holds the uploaded picture's URL; `fail` shows a problem under
/// the field (`None` clears it).
#[component]
pub fn AvatarField(
    id: String,
    label: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    fail: Callback<Option<String>>,
) -> impl IntoView {
    let experience = use_experience();
    let t = |key: &str| experience.t(key);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    let on_change = {
        let experience = experience.clone();
        move |_| {
            let Some(file) = input
                .get_untracked()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            else {
                return;
            };
            if let Some(input) = input.get_untracked() {
                // The same file can be chosen again after a failure.
                input.set_value("");
            }
            let i18n = &experience.i18n;
            if !TYPES.contains(&file.type_().as_str()) {
                let list = vec!["JPG".to_owned(), "PNG".into(), "GIF".into(), "WEBP".into()];
                let message = i18n.t_with(
                    "profile.avatar_upload.error_file_type",
                    &[("extensions", list.into())],
                );
                return fail.run(Some(message));
            }
            if file.size() > MAX_BYTES {
                let message = i18n.t_with(
                    "profile.avatar_upload.error_file_size",
                    &[("limit", LIMIT.into())],
                );
                return fail.run(Some(message));
            }
            fail.run(None);
            busy.set(true);
            let experience = experience.clone();
            leptos::task::spawn_local(async move {
                let result = match crop_square(&file).await {
                    Some(form) => experience.client.upload_avatar(form).await.map_err(Some),
                    None => Err(None),
                };
                busy.set(false);
                match result {
                    Ok(url) => value.set(url),
                    Err(error) => fail.run(Some(experience.t(upload_problem(error.as_ref())))),
                }
            });
        }
    };
    let pick = move |_| {
        if let Some(input) = input.get_untracked() {
            input.click();
        }
    };
    let preview = move || {
        let url = value.get();
        if url.is_empty() {
            view! { <span class="logto_avatar logto_avatar-large">{icon::icon(icon::CAMERA)}</span> }
                .into_any()
        } else {
            view! { <img class="logto_avatar logto_avatar-large" src=url alt="" /> }.into_any()
        }
    };
    let (upload, uploading) = (
        t("profile.avatar_upload.upload"),
        t("profile.avatar_upload.uploading"),
    );
    let upload_text = move || {
        if busy.get() {
            uploading.clone()
        } else {
            upload.clone()
        }
    };
    let remove_text = t("profile.avatar_upload.remove");
    let hint = experience
        .i18n
        .t_with("profile.avatar_upload.hint", &[("limit", LIMIT.into())]);
    view! {
        <div class="field logto_avatar-field">
            <label for=id.clone()>{label}</label>
            <div class="logto_avatar-row">
                {preview}
                <input
                    id=id
                    name="avatar"
                    type="file"
                    accept=TYPES.join(",")
                    class="logto_visually-hidden"
                    tabindex="-1"
                    aria-describedby=described
                    node_ref=input
                    on:change=on_change
                />
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().then_some("true")
                    on:click=pick
                >
                    {upload_text}
                </button>
                <button
                    type="button"
                    class="link"
                    hidden=move || value.with(String::is_empty)
                    on:click=move |_| value.set(String::new())
                >
                    {remove_text}
                </button>
            </div>
            <p id=hint_id class="secondary">
                {hint}
            </p>
            <super::field::FieldError id=error_id error=error />
        </div>
    }
}

/// The phrase for a failed upload: the tenant has no storage, or anything
/// else (the crop included).
fn upload_problem(error: Option<&ApiError>) -> &'static str {
    match error.and_then(ApiError::code).map(|code| code.as_str()) {
        Some("storage.not_configured") => "profile.avatar_upload.error_storage_not_configured",
        _ => "profile.avatar_upload.error_upload",
    }
}

/// The picture's centred square, scaled to `SIDE`, as the PNG `file` of a
/// form; `None` when the browser cannot decode it.
async fn crop_square(file: &web_sys::File) -> Option<web_sys::FormData> {
    use wasm_bindgen_futures::JsFuture;
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window().create_image_bitmap_with_blob(file).ok()?)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let side = width.min(height);
    if side < 1.0 {
        return None;
    }
    let canvas: web_sys::HtmlCanvasElement =
        document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(SIDE);
    canvas.set_height(SIDE);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &bitmap,
            (width - side) / 2.0,
            (height - side) / 2.0,
            side,
            side,
            0.0,
            0.0,
            f64::from(SIDE),
            f64::from(SIDE),
        )
        .ok()?;
    bitmap.close();
    // `toBlob` answers through a callback: a promise around it.
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _reject| {
        let done = resolve.clone();
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = done.call1(&JsValue::NULL, &blob);
        });
        if canvas
            .to_blob_with_type(done.unchecked_ref(), "image/png")
            .is_err()
        {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
        }
    }))
    .await
    .ok()?
    .dyn_into::<web_sys::Blob>()
    .ok()?;
    let form = web_sys::FormData::new().ok()?;
    form.append_with_blob_and_filename("file", &blob, "avatar.png")
        .ok()?;
    Some(form)
}
