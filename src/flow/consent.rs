//! The consent page's decisions (`/consent`, Logto's `pages/Consent`): the
//! name shown for the application, the requested scopes grouped the way
//! Logto groups them, and the redirect hint.

use crate::api::{ConsentInfo, ConsentScope, MissingResourceScopes};

/// Logto's reserved organization resource (`ReservedResource.Organization`):
/// its scopes belong to the organization selector, not the scope list.
pub const ORGANIZATION_RESOURCE_ID: &str = "org";

/// The OIDC user scopes Logto describes (`user_scopes.descriptions.<scope>`).
pub const USER_SCOPES: [&str; 11] = [
    "profile",
    "email",
    "phone",
    "address",
    "custom_data",
    "identities",
    "roles",
    "urn:logto:scope:organizations",
    "urn:logto:scope:organization_roles",
    "urn:logto:scope:sessions",
    "urn:logto:scope:trusted_devices",
];

/// One requested scope as listed: the phrase key of its description (user
/// scopes), else the server's description, else its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeText {
    Phrase(String),
    Text(String),
}

/// A disclosure of scopes: the personal data (`name == None`, titled by
/// `description.user_scopes`) or one API resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeGroup {
    pub name: Option<String>,
    pub scopes: Vec<ScopeText>,
    /// Shown expanded at first (Logto expands a lone group).
    pub open: bool,
}

/// The application's name: its display name, else its name, else (a
/// self-declared client that declares none) the host of its identifier.
pub fn application_name(info: &ConsentInfo) -> String {
    info.application
        .display_name
        .clone()
        .filter(|name| !name.is_empty())
        .or_else(|| Some(info.application.name.clone()).filter(|name| !name.is_empty()))
        .or_else(|| self_declared_host(info))
        .unwrap_or_default()
}

/// The host of a self-declared client: one whose id is the https URL of
/// its Client ID Metadata Document (CIMD) instead of an id Logto issued.
/// Its name and logo are whatever it declares, so the page shows this
/// host, which it cannot forge, and asks the person to check it (Logto's
/// `UnregisteredClientNotice`).
pub fn self_declared_host(info: &ConsentInfo) -> Option<String> {
    let id = &info.application.id;
    let rest = id
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .and(id.get(8..))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn resource_scopes(scopes: &[ConsentScope]) -> Vec<ScopeText> {
    scopes
        .iter()
        .map(|scope| {
            ScopeText::Text(
                scope
                    .description
                    .clone()
                    .filter(|text| !text.is_empty())
                    .unwrap_or_else(|| scope.name.clone()),
            )
        })
        .collect()
}

/// The groups of `ScopesListCard`: user scopes first (expanded when there
/// is no resource), then one per resource except the organization one
/// (expanded when it is the only group).
pub fn scope_groups(info: &ConsentInfo) -> Vec<ScopeGroup> {
    let user: Vec<ScopeText> = info
        .missing_oidc_scope
        .iter()
        .flatten()
        .map(|scope| {
            if USER_SCOPES.contains(&scope.as_str()) {
                ScopeText::Phrase(format!("user_scopes.descriptions.{scope}"))
            } else {
                ScopeText::Text(scope.clone())
            }
        })
        .collect();
    let resources: Vec<&MissingResourceScopes> = info
        .missing_resource_scopes
        .iter()
        .flatten()
        .filter(|group| group.resource.id != ORGANIZATION_RESOURCE_ID)
        .collect();
    let mut groups = Vec::new();
    if !user.is_empty() {
        groups.push(ScopeGroup {
            name: None,
            scopes: user,
            open: resources.is_empty(),
        });
    }
    let lone = groups.is_empty() && resources.len() == 1;
    groups.extend(resources.into_iter().map(|group| ScopeGroup {
        name: Some(group.resource.name.clone()),
        scopes: resource_scopes(&group.scopes),
        open: lone,
    }));
    groups
}

/// The scope groups of a selected organization, the organization scopes
/// (`description.organization_scopes`, `name == None`) first.
pub fn organization_groups(groups: &[MissingResourceScopes]) -> Vec<ScopeGroup> {
    let mut sorted: Vec<&MissingResourceScopes> = groups.iter().collect();
    sorted.sort_by_key(|group| group.resource.id != ORGANIZATION_RESOURCE_ID);
    let lone = sorted.len() == 1;
    sorted
        .into_iter()
        .map(|group| ScopeGroup {
            name: (group.resource.id != ORGANIZATION_RESOURCE_ID)
                .then(|| group.resource.name.clone()),
            scopes: resource_scopes(&group.scopes),
            open: lone,
        })
        .collect()
}

/// What the redirect hint shows of the redirect URI: the origin of an
/// http(s) URI (never its path or query), else the URI itself (a native
/// app's `io.logto://callback`).
pub fn redirect_origin(uri: &str) -> String {
    let lower = uri.to_ascii_lowercase();
    if let Some(scheme_end) = ["https://", "http://"]
        .iter()
        .find(|scheme| lower.starts_with(*scheme))
        .map(|scheme| scheme.len())
    {
        let rest = &uri[scheme_end..];
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        // Credentials are never part of an origin.
        let host = rest[..host_end].rsplit('@').next().unwrap_or_default();
        return format!("{}{}", &lower[..scheme_end], host.to_ascii_lowercase());
    }
    uri.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::fixtures;

    fn info(json: serde_json::Value) -> ConsentInfo {
        crate::api::json::from_value(&json).unwrap()
    }

    fn base() -> serde_json::Value {
        serde_json::json!({
            "application": {"id": "app", "name": "Acme"},
            "user": {"id": "u1"},
        })
    }

    #[test]
    fn names_prefer_the_display_name() {
        let mut json = base();
        assert_eq!(application_name(&info(json.clone())), "Acme");
        json["application"]["displayName"] = "Acme Analytics".into();
        assert_eq!(application_name(&info(json)), "Acme Analytics");
    }

    #[test]
    fn groups_user_scopes_then_resources_without_the_organization_one() {
        let mut json = base();
        json["missingOIDCScope"] = serde_json::json!(["profile", "custom:thing"]);
        json["missingResourceScopes"] = serde_json::json!([
            {"resource": {"id": "r1", "name": "Demo API", "indicator": "https://api"},
             "scopes": [{"id": "s1", "name": "read", "description": "Read it"},
                        {"id": "s2", "name": "write", "description": null}]},
            {"resource": {"id": "org", "name": "Organizations", "indicator": "urn:org"},
             "scopes": [{"id": "s3", "name": "org:read"}]}
        ]);
        let groups = scope_groups(&info(json));
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].name, None);
        assert_eq!(
            groups[0].scopes,
            [
                ScopeText::Phrase("user_scopes.descriptions.profile".into()),
                ScopeText::Text("custom:thing".into())
            ]
        );
        assert!(!groups[0].open, "collapsed beside a resource");
        assert_eq!(groups[1].name.as_deref(), Some("Demo API"));
        assert_eq!(
            groups[1].scopes,
            [
                ScopeText::Text("Read it".into()),
                ScopeText::Text("write".into())
            ]
        );
        assert!(!groups[1].open);
    }

    #[test]
    fn a_lone_group_is_open() {
        let mut json = base();
        json["missingOIDCScope"] = serde_json::json!(["email"]);
        assert!(scope_groups(&info(json.clone()))[0].open);
        json["missingOIDCScope"] = serde_json::json!([]);
        json["missingResourceScopes"] = serde_json::json!([
            {"resource": {"id": "r1", "name": "A", "indicator": "a"}, "scopes": []}]);
        assert!(scope_groups(&info(json.clone()))[0].open);
        json["missingResourceScopes"] = serde_json::json!([]);
        assert!(scope_groups(&info(json)).is_empty());
    }

    #[test]
    fn organization_scopes_come_first() {
        let groups: Vec<MissingResourceScopes> = crate::api::json::from_value(&serde_json::json!([
            {"resource": {"id": "r1", "name": "A", "indicator": "a"}, "scopes": []},
            {"resource": {"id": "org", "name": "O", "indicator": "o"},
             "scopes": [{"id": "1", "name": "read:members"}]}
        ]))
        .unwrap();
        let out = organization_groups(&groups);
        assert_eq!(out[0].name, None);
        assert_eq!(out[1].name.as_deref(), Some("A"));
    }

    #[test]
    fn every_user_scope_has_a_phrase() {
        for scope in USER_SCOPES {
            let key = format!("user_scopes.descriptions.{scope}");
            assert!(fixtures::english_has(&key), "{key}");
        }
    }

    #[test]
    fn redirect_hints_show_only_the_origin() {
        assert_eq!(
            redirect_origin("https://app.example.com/callback?x=1"),
            "https://app.example.com"
        );
        assert_eq!(
            redirect_origin("HTTP://User:pw@Localhost:3000/cb"),
            "http://localhost:3000"
        );
        assert_eq!(
            redirect_origin("io.logto://callback"),
            "io.logto://callback"
        );
    }

    #[test]
    fn a_self_declared_client_is_known_by_its_host() {
        let mut consent = info(serde_json::json!({
            "application": {"id": "https://Client.example.com/oauth/metadata.json", "name": "Fancy"},
            "user": {"id": "u1"},
            "missingOIDCScope": [],
            "missingResourceScopes": [],
        }));
        assert_eq!(
            self_declared_host(&consent).as_deref(),
            Some("client.example.com")
        );
        assert_eq!(application_name(&consent), "Fancy");
        consent.application.name = String::new();
        assert_eq!(application_name(&consent), "client.example.com");
        consent.application.id = "app_id".into();
        assert_eq!(self_declared_host(&consent), None);
        consent.application.id = "http://client.example.com/m.json".into();
        assert_eq!(self_declared_host(&consent), None);
    }
}
