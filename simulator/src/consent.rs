//! Consent, organizations and application access control, as Logto's OIDC
//! provider and its legacy `/api/interaction/consent` routes do them
//! (`packages/core/src/routes/interaction/consent/index.ts`,
//! `middleware/koa-auto-consent.ts`, `libraries/application-access-control.ts`).
//!
//! After a successful submit, `/oidc/auth/<uid>` asks [`pending`]: a
//! first-party application is consented automatically, a third-party one
//! whose requested scopes are not granted yet (or any application that
//! denies the user) goes to the experience's `/consent?app_id=...`, which
//! reads `GET /api/interaction/consent` and grants with `POST`.

use std::{collections::HashSet, sync::Arc};

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

use crate::{
    errors::{type_name, ApiError},
    i18n,
    state::{AuthRequest, Inner},
    users::User,
    util, AppState,
};

/// Logto's reserved OIDC scope that asks for organizations.
pub const ORGANIZATIONS_SCOPE: &str = "urn:logto:scope:organizations";

/// A third-party application (`isThirdParty`), registered with its branding.
#[derive(Debug, Clone)]
pub struct ThirdPartyApp {
    pub id: String,
    pub name: String,
    pub redirect_uri: String,
    pub logo_url: Option<String>,
    pub dark_logo_url: Option<String>,
    pub terms_of_use_url: Option<String>,
    pub privacy_policy_url: Option<String>,
}

/// An API resource with its scopes (`name`, `description`).
#[derive(Debug, Clone)]
pub struct ApiResource {
    pub id: String,
    pub name: String,
    pub indicator: String,
    pub scopes: Vec<(String, String)>,
}

/// An organization and the usernames of its members.
#[derive(Debug, Clone)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub members: Vec<String>,
    /// Logto's `isMfaRequired`: members must use MFA when the MFA settings'
    /// `organizationRequiredMfaPolicy` is `Mandatory`.
    pub mfa_required: bool,
}

/// A user role with the API resource scopes it grants (Logto's `roles`,
/// `roles_scopes` and `users_roles`), its members by username.
#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// `(resource indicator, scope name)` pairs.
    pub scopes: Vec<(String, String)>,
    pub members: Vec<String>,
}

/// Applications with app-level access control: only the listed usernames
/// may sign in (`appLevelAccessControlEnabled`).
#[derive(Debug, Clone)]
pub struct AccessControl {
    pub app_id: String,
    pub allowed_usernames: Vec<String>,
}

/// What the consent side of the simulator knows.
#[derive(Debug, Clone, Default)]
pub struct ConsentConfig {
    pub third_party_apps: Vec<ThirdPartyApp>,
    pub resources: Vec<ApiResource>,
    pub organizations: Vec<Organization>,
    pub roles: Vec<Role>,
    pub access_control: Vec<AccessControl>,
}

impl ConsentConfig {
    /// The demo set: the third-party "Acme Analytics" (`third-party-app`),
    /// the third-party "Payroll" (`restricted-app`) that only `alice` may
    /// use, the API `https://api.example.com`, the roles that grant its
    /// scopes ("Report editor": both, for `alice`; "Report viewer":
    /// `read:reports`, for `demo`) and three organizations.
    pub fn demo(endpoint: &str) -> Self {
        let endpoint = endpoint.trim_end_matches('/');
        let callback = format!("{endpoint}/demo-app/callback");
        let logo = format!("{endpoint}/__sim/assets/third-party-logo.svg");
        Self {
            third_party_apps: vec![
                ThirdPartyApp {
                    id: "third-party-app".into(),
                    name: "Acme Analytics".into(),
                    redirect_uri: callback.clone(),
                    logo_url: Some(logo.clone()),
                    dark_logo_url: None,
                    terms_of_use_url: Some("https://analytics.example.com/terms".into()),
                    privacy_policy_url: Some("https://analytics.example.com/privacy".into()),
                },
                ThirdPartyApp {
                    id: "restricted-app".into(),
                    name: "Payroll".into(),
                    redirect_uri: callback,
                    logo_url: Some(logo),
                    dark_logo_url: None,
                    terms_of_use_url: None,
                    privacy_policy_url: None,
                },
            ],
            resources: vec![ApiResource {
                id: "res-demo-api".into(),
                name: "Demo API".into(),
                indicator: "https://api.example.com".into(),
                scopes: vec![
                    ("read:reports".into(), "Read your reports".into()),
                    ("write:reports".into(), "Create and edit reports".into()),
                ],
            }],
            organizations: vec![
                Organization {
                    id: "org-acme".into(),
                    name: "Acme Corp".into(),
                    members: vec!["alice".into(), "demo".into()],
                    mfa_required: false,
                },
                Organization {
                    id: "org-globex".into(),
                    name: "Globex".into(),
                    members: vec!["alice".into()],
                    mfa_required: false,
                },
                // Only `mfa_demo` belongs to it: it matters only with
                // `organizationRequiredMfaPolicy: Mandatory`.
                Organization {
                    id: "org-initech".into(),
                    name: "Initech".into(),
                    members: vec!["mfa_demo".into()],
                    mfa_required: true,
                },
            ],
            roles: vec![
                Role {
                    id: "role-report-editor".into(),
                    name: "Report editor".into(),
                    scopes: vec![
                        ("https://api.example.com".into(), "read:reports".into()),
                        ("https://api.example.com".into(), "write:reports".into()),
                    ],
                    members: vec!["alice".into()],
                },
                Role {
                    id: "role-report-viewer".into(),
                    name: "Report viewer".into(),
                    scopes: vec![("https://api.example.com".into(), "read:reports".into())],
                    members: vec!["demo".into()],
                },
            ],
            access_control: vec![AccessControl {
                app_id: "restricted-app".into(),
                allowed_usernames: vec!["alice".into()],
            }],
        }
    }

    pub fn third_party(&self, app_id: &str) -> Option<&ThirdPartyApp> {
        self.third_party_apps.iter().find(|app| app.id == app_id)
    }

    /// Whether `user` may use `app_id` (app-level access control).
    pub fn allows(&self, app_id: &str, user: &User) -> bool {
        self.access_control
            .iter()
            .filter(|rule| rule.app_id == app_id)
            .all(|rule| {
                user.username
                    .as_ref()
                    .is_some_and(|name| rule.allowed_usernames.contains(name))
            })
    }

    /// Whether one of `user`'s organizations requires MFA.
    pub fn requires_mfa(&self, user: &User) -> bool {
        self.organizations_of(user)
            .iter()
            .any(|org| org.mfa_required)
    }

    /// Whether one of `user`'s roles grants `scope` of the resource
    /// `indicator`: Logto's `findUserScopesForResourceIndicator`
    /// (`libraries/user.ts`; organization roles are not simulated).
    pub fn user_has_scope(&self, user: &User, indicator: &str, scope: &str) -> bool {
        let Some(username) = &user.username else {
            return false;
        };
        self.roles
            .iter()
            .filter(|role| role.members.contains(username))
            .flat_map(|role| &role.scopes)
            .any(|(resource, name)| resource == indicator && name == scope)
    }

    /// The organizations `user` belongs to.
    pub fn organizations_of(&self, user: &User) -> Vec<&Organization> {
        self.organizations
            .iter()
            .filter(|org| {
                user.username
                    .as_ref()
                    .is_some_and(|name| org.members.contains(name))
            })
            .collect()
    }
}

/// What the consent step still needs: OIDC scopes (without `openid` and
/// `offline_access`, as the consent info shows them) and resource scopes.
#[derive(Debug, Clone, Default)]
pub struct Missing {
    /// Every requested scope not granted yet, `openid` included.
    pub all: Vec<String>,
    pub oidc: Vec<String>,
    pub resources: Vec<(ApiResource, Vec<(String, String)>)>,
}

/// The scopes `request` asks of `app_id` that `user_id` has not granted.
///
/// A resource scope is offered only when one of the user's roles grants it:
/// Logto's `getResourceServerInfo` (`oidc/init.ts`) gives the OIDC provider
/// only the user's scopes of a resource (`findResourceScopes`,
/// `oidc/resource.ts`), so the provider drops the others from the request,
/// and the consent routes filter again
/// (`routes/interaction/consent/utils.ts`,
/// `filterAndParseMissingResourceScopes`). A resource none of whose
/// requested scopes is left is not listed.
pub fn missing(
    config: &ConsentConfig,
    inner: &Inner,
    request: &AuthRequest,
    user_id: &str,
    app_id: &str,
) -> Missing {
    let granted = inner.grants.get(&(user_id.to_string(), app_id.to_string()));
    let is_granted = |scope: &str| granted.is_some_and(|set| set.contains(scope));
    let user = inner.user(user_id);
    let mut out = Missing::default();
    let resources: Vec<&ApiResource> = config
        .resources
        .iter()
        .filter(|resource| request.resources.contains(&resource.indicator))
        .collect();
    for scope in &request.scopes {
        if is_granted(scope) {
            continue;
        }
        let defined_by =
            |resource: &&&ApiResource| resource.scopes.iter().any(|(name, _)| name == scope);
        let resource = resources.iter().filter(defined_by).find(|resource| {
            user.is_some_and(|user| config.user_has_scope(user, &resource.indicator, scope))
        });
        match resource {
            Some(resource) => {
                let description = resource
                    .scopes
                    .iter()
                    .find(|(name, _)| name == scope)
                    .map(|(_, description)| description.clone())
                    .unwrap_or_default();
                match out
                    .resources
                    .iter_mut()
                    .find(|(known, _)| known.id == resource.id)
                {
                    Some((_, scopes)) => scopes.push((scope.clone(), description)),
                    None => out
                        .resources
                        .push(((*resource).clone(), vec![(scope.clone(), description)])),
                }
            }
            // A scope of a requested resource that no role of the user
            // grants: not the user's to give.
            None if resources.iter().any(|resource| defined_by(&resource)) => continue,
            None if scope != "openid" && scope != "offline_access" => out.oidc.push(scope.clone()),
            None => {}
        }
        out.all.push(scope.clone());
    }
    out
}

/// Whether `/oidc/auth/<uid>` must send the signed-in user to the consent
/// page before issuing a code: a third-party application with scopes not
/// granted yet, or an application that denies the user (the page then
/// shows "access denied"). First-party applications are consented
/// automatically.
pub(crate) fn pending(
    app: &AppState,
    inner: &Inner,
    uid: &str,
    app_id: &str,
    user_id: &str,
) -> bool {
    let config = &app.config.consent;
    let Some(user) = inner.user(user_id) else {
        return false;
    };
    if !config.allows(app_id, user) {
        return true;
    }
    if config.third_party(app_id).is_none() {
        return false;
    }
    let request = inner.auth_requests.get(uid).cloned().unwrap_or_default();
    !missing(config, inner, &request, user_id, app_id)
        .all
        .is_empty()
}

/// The consent page of `app_id`, as Logto's `buildConsentPromptUrl`.
pub fn consent_path(app_id: &str) -> String {
    format!("/consent?app_id={}", util::url_encode(app_id))
}

/// The interaction of this request and the user it is for: the one who
/// just signed in, else the browser's session (a magic link's
/// switch-account page asks who that is).
fn context(inner: &Inner, headers: &HeaderMap) -> Result<(String, String, String), ApiError> {
    let uid = crate::experience::current_interaction(inner, headers)
        .ok_or_else(ApiError::session_not_found)?;
    let interaction = inner
        .interactions
        .get(&uid)
        .ok_or_else(ApiError::session_not_found)?;
    let user_id = interaction
        .signed_in_user
        .clone()
        .or_else(|| {
            crate::experience::cookie(headers, "_interaction")
                .and_then(|key| inner.sessions.get(&key).cloned())
        })
        .ok_or_else(|| ApiError::new("session.not_found"))?;
    Ok((uid, interaction.app_id.clone(), user_id))
}

fn respond(result: Result<Value, ApiError>, headers: &HeaderMap) -> Response {
    match result {
        Ok(body) => (StatusCode::OK, Json(body)).into_response(),
        Err(mut error) => {
            let language = i18n::negotiate(
                None,
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|value| value.to_str().ok()),
            );
            error.localize(language);
            error.into_response()
        }
    }
}

fn scopes_json(scopes: &[(String, String)]) -> Value {
    json!(scopes
        .iter()
        .map(
            |(name, description)| json!({"id": format!("scope-{name}"), "name": name,
                                          "description": description})
        )
        .collect::<Vec<_>>())
}

fn resources_json(resources: &[(ApiResource, Vec<(String, String)>)]) -> Value {
    json!(resources
        .iter()
        .map(|(resource, scopes)| json!({
            "resource": {"id": resource.id, "name": resource.name, "indicator": resource.indicator},
            "scopes": scopes_json(scopes),
        }))
        .collect::<Vec<_>>())
}

/// `GET /api/interaction/consent`: the `ConsentInfoResponse`.
pub(crate) async fn info(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let result = (|| {
        let inner = app.lock();
        let (uid, app_id, user_id) = context(&inner, &headers)?;
        let config = &app.config.consent;
        let user = inner
            .user(&user_id)
            .ok_or_else(ApiError::session_not_found)?;
        if !config.allows(&app_id, user) {
            return Err(ApiError::new("oidc.access_denied"));
        }
        let request = inner.auth_requests.get(&uid).cloned().unwrap_or_default();
        let missing = missing(config, &inner, &request, &user_id, &app_id);
        // `publicApplicationGuard` ({id, name}) merged with the app-level
        // sign-in experience when one exists (routes/interaction/consent).
        let application = match config.third_party(&app_id) {
            Some(third) => {
                let mut branding = serde_json::Map::new();
                if let Some(url) = &third.logo_url {
                    branding.insert("logoUrl".into(), json!(url));
                }
                if let Some(url) = &third.dark_logo_url {
                    branding.insert("darkLogoUrl".into(), json!(url));
                }
                let mut application = json!({"id": third.id, "name": third.name});
                if !branding.is_empty()
                    || third.terms_of_use_url.is_some()
                    || third.privacy_policy_url.is_some()
                {
                    application["branding"] = Value::Object(branding);
                    application["termsOfUseUrl"] = json!(third.terms_of_use_url);
                    application["privacyPolicyUrl"] = json!(third.privacy_policy_url);
                }
                application
            }
            None => json!({"id": app_id, "name": app_id}),
        };
        let organizations: Vec<Value> = if missing.oidc.iter().any(|s| s == ORGANIZATIONS_SCOPE) {
            config
                .organizations_of(user)
                .into_iter()
                .map(|org| json!({"id": org.id, "name": org.name, "missingResourceScopes": []}))
                .collect()
        } else {
            Vec::new()
        };
        let redirect_uri = inner
            .interactions
            .get(&uid)
            .map(|interaction| interaction.redirect_uri.clone())
            .filter(|uri| !uri.is_empty());
        Ok(json!({
            "application": application,
            "user": {"id": user.id, "name": user.name, "avatar": user.avatar, "username": user.username,
                     "primaryEmail": user.email, "primaryPhone": user.phone},
            "organizations": organizations,
            "missingOIDCScope": missing.oidc,
            "missingResourceScopes": resources_json(&missing.resources),
            "redirectUri": redirect_uri,
        }))
    })();
    respond(result, &headers)
}

/// `POST /api/interaction/consent {organizationIds?}`: grants the missing
/// scopes (and the organizations, which must be the user's) and answers
/// the resume URL.
pub(crate) async fn grant(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = (|| {
        let body: Value = if body.iter().all(u8::is_ascii_whitespace) {
            json!({})
        } else {
            serde_json::from_slice(&body).map_err(|_| ApiError::bad_body())?
        };
        let organization_ids = match body.get("organizationIds") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Value::String(id) => Ok(id.clone()),
                    other => Err(ApiError::invalid_type(
                        &["organizationIds", &index.to_string()],
                        "string",
                        type_name(other),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(other) => {
                return Err(ApiError::invalid_type(
                    &["organizationIds"],
                    "array",
                    type_name(other),
                ))
            }
        };
        let mut inner = app.lock();
        let (uid, app_id, user_id) = context(&inner, &headers)?;
        let config = &app.config.consent;
        let user = inner
            .user(&user_id)
            .cloned()
            .ok_or_else(ApiError::session_not_found)?;
        if !config.allows(&app_id, &user) {
            return Err(ApiError::new("oidc.access_denied"));
        }
        let member_of: HashSet<&str> = config
            .organizations_of(&user)
            .into_iter()
            .map(|org| org.id.as_str())
            .collect();
        if organization_ids
            .iter()
            .any(|id| !member_of.contains(id.as_str()))
        {
            // `validateUserConsentOrganizationMembership` (libraries/application.ts).
            return Err(ApiError::new("organization.require_membership"));
        }
        let request = inner.auth_requests.get(&uid).cloned().unwrap_or_default();
        let missing = missing(config, &inner, &request, &user_id, &app_id);
        let key = (user_id.clone(), app_id.clone());
        let granted = inner.grants.entry(key.clone()).or_default();
        granted.extend(missing.all);
        let organizations = inner.granted_organizations.entry(key).or_default();
        organizations.extend(organization_ids);
        Ok(json!({"redirectTo": format!(
            "{}/oidc/auth/{uid}",
            app.config.endpoint.trim_end_matches('/')
        )}))
    })();
    respond(result, &headers)
}

/// `GET /oidc/session/end?client_id=`: ends the browser's session (Logto
/// asks to confirm first and then returns to the application; the
/// simulator just says so).
pub(crate) async fn sign_out(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(key) = crate::experience::cookie(&headers, "_interaction") {
        app.lock().sessions.remove(&key);
    }
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signed out</title></head>\
         <body><h1 id=\"signed-out\">Signed out</h1></body></html>",
    )
        .into_response()
}

/// `GET /__sim/assets/third-party-logo.svg`: the demo third-party logo.
pub async fn logo() -> Response {
    (
        [(header::CONTENT_TYPE, "image/svg+xml")],
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">\
         <rect width=\"64\" height=\"64\" rx=\"14\" fill=\"#0b7a5a\"/>\
         <path d=\"M16 44 L28 28 L36 36 L48 20\" stroke=\"#fff\" stroke-width=\"5\" fill=\"none\" \
         stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>",
    )
        .into_response()
}
