//! The object list in headless Chromium: objects grouped by namespace and kind, deprecated
//! apiVersions marked, and a click showing the object's file.

#![cfg(target_arch = "wasm32")]

mod support;

use manifesto_app::components::file_tabs::FileTabs;
use manifesto_app::components::object_list::ObjectList;
use support::{attributes, click, exists, find, find_all, mount_with_files, text};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;
use yew::html;

wasm_bindgen_test_configure!(run_in_browser);

const CLUSTER: &str = "\
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
rules: []
";

const APP: &str = "\
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
    - port: 80
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web
  namespace: shop
spec:
  backend:
    serviceName: web
    servicePort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
";

const FILES: &[(&str, &str)] = &[("cluster.yaml", CLUSTER), ("app.yaml", APP)];

fn object(namespace: &str, kind: &str, name: &str) -> String {
    format!("li.object[data-namespace=\"{namespace}\"][data-kind=\"{kind}\"][data-name=\"{name}\"]")
}

/// Each kind heading of a group, as "Kind count".
fn kinds(group: &Element) -> Vec<String> {
    find_all(group, ".kind-title")
        .iter()
        .map(|h| {
            let count = text(&find(h, ".count"));
            format!("{} {count}", text(h).trim_end_matches(&count))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn groups_cluster_scoped_objects_first_then_each_namespace_by_kind() {
    let root = mount_with_files(FILES, html! { <ObjectList /> }).await;

    assert_eq!(
        attributes(&root, "section.ns-group", "aria-label"),
        ["Cluster-scoped", "Namespace default", "Namespace shop"],
        "an object without a namespace is in `default`"
    );
    let groups = find_all(&root, "section.ns-group");
    assert_eq!(kinds(&groups[0]), ["ClusterRole 1", "Namespace 1"]);
    assert_eq!(kinds(&groups[1]), ["ConfigMap 1"]);
    assert_eq!(
        kinds(&groups[2]),
        ["Deployment 1", "Ingress 1", "Service 1"],
        "kinds in alphabetical order"
    );
    assert_eq!(text(&find(&groups[2], ".ns-title .count")), "3");

    let deployment = find(&root, &object("shop", "Deployment", "web"));
    assert_eq!(
        deployment.get_attribute("data-file").as_deref(),
        Some("app.yaml")
    );
    assert_eq!(
        text(&find(&deployment, ".object-location")),
        "app.yaml:21",
        "where its document starts"
    );
}

#[wasm_bindgen_test]
async fn marks_a_deprecated_api_version() {
    let root = mount_with_files(FILES, html! { <ObjectList /> }).await;
    let ingress = find(&root, &object("shop", "Ingress", "web"));
    assert_eq!(
        text(&find(&ingress, ".badge-warning")),
        "extensions/v1beta1"
    );
    assert!(!exists(
        &find(&root, &object("shop", "Service", "web")),
        ".badge"
    ));
}

#[wasm_bindgen_test]
async fn clicking_an_object_selects_it_and_shows_its_file() {
    let root = mount_with_files(FILES, html! { <><FileTabs /><ObjectList /></> }).await;
    let shown = |root: &Element| attributes(root, "[data-testid=file-tab].active", "data-file");
    assert_eq!(shown(&root), ["cluster.yaml"]);

    let deployment = object("shop", "Deployment", "web");
    click(&root, &format!("{deployment} button")).await;
    assert_eq!(shown(&root), ["app.yaml"]);
    assert_eq!(
        attributes(&root, "li.object.selected", "data-object-id"),
        ["Deployment/shop/web"]
    );
    assert_eq!(
        find(&root, &format!("{deployment} button"))
            .get_attribute("aria-current")
            .as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn says_how_to_add_objects_when_there_are_none() {
    let root = mount_with_files(&[], html! { <ObjectList /> }).await;
    assert!(!exists(&root, "section.ns-group"));
    assert!(text(&find(&root, ".empty-note")).starts_with("No objects yet."));
}
