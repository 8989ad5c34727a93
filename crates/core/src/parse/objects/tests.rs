use super::*;
use crate::Severity;

#[track_caller]
fn model(text: &str) -> Model {
    parse_files(vec![SourceFile::new("m.yaml", text)])
}

#[track_caller]
fn ids(m: &Model) -> Vec<&str> {
    m.objects.iter().map(|o| o.id.as_str()).collect()
}

#[test]
fn known_kinds_are_typed_and_located() {
    let m = model(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let d = &m.objects[0];
    assert_eq!(d.id.as_str(), "Deployment/shop/web");
    assert!(matches!(*d.resource, Resource::Deployment(_)));
    assert_eq!(d.written_replicas(), Some(2));
    assert_eq!(
        d.locate("spec.template.spec.containers[0].image")
            .to_string(),
        "m.yaml:16:11"
    );
    assert_eq!(d.locate("spec.replicas").line, 7);
    assert_eq!(
        d.containers()[0].path.to_string(),
        "spec.template.spec.containers[0]"
    );
}

#[test]
fn a_namespaced_object_without_namespace_is_in_default_and_cluster_kinds_have_none() {
    let m = model(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n",
    );
    assert_eq!(ids(&m), ["ConfigMap/default/c", "Namespace/shop"]);
}

#[test]
fn a_wrong_type_is_located_at_the_field_and_the_object_is_kept() {
    let m = model(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: two\n",
    );
    let d = &m.diagnostics[0];
    assert_eq!((d.location.line, d.location.column), (6, 3));
    assert!(
        d.message.contains("spec.replicas") && d.message.contains("two"),
        "{}",
        d.message
    );
    assert_eq!(ids(&m), ["Deployment/default/web"]);
    assert!(matches!(*m.objects[0].resource, Resource::Other(_)));
}

#[test]
fn missing_identity_fields_are_reported_and_neighbours_survive() {
    let m = model(
        "kind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n",
    );
    assert_eq!(ids(&m), ["ConfigMap/default/ok"]);
    assert_eq!(m.diagnostics.len(), 2);
    assert!(m.diagnostics[0].message.contains("`apiVersion`"));
    assert_eq!(m.diagnostics[0].location.line, 1);
    assert!(m.diagnostics[1].message.contains("`metadata.name`"));
    assert_eq!(m.diagnostics[1].location.line, 5);
}

#[test]
fn syntax_errors_are_located_and_do_not_hide_other_documents() {
    let m = model(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: [b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n",
    );
    assert_eq!(ids(&m), ["ConfigMap/default/a", "ConfigMap/default/c"]);
    let d = &m.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.location.line, 7);
    assert!(d.message.starts_with("YAML syntax error"));
}

#[test]
fn lists_become_their_items() {
    let m = model(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n",
    );
    assert_eq!(ids(&m), ["Service/default/s", "ConfigMap/default/c"]);
    assert_eq!(m.objects[1].pos.line, 7);
}

#[test]
fn older_api_versions_are_read_and_remembered() {
    let m = model(
        "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend: {serviceName: web, servicePort: 80}\n---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: x}]}\n---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 3, targetCPUUtilizationPercentage: 50}\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    assert_eq!(m.objects[0].api_version, "extensions/v1beta1");
    let Resource::Ingress(ing) = &*m.objects[0].resource else {
        panic!("not an ingress")
    };
    let backend = &ing.spec.as_ref().unwrap().rules.as_ref().unwrap()[0]
        .http
        .as_ref()
        .unwrap()
        .paths[0]
        .backend;
    assert_eq!(
        backend
            .service
            .as_ref()
            .unwrap()
            .port
            .as_ref()
            .unwrap()
            .number,
        Some(80)
    );
    let Resource::Deployment(d) = &*m.objects[1].resource else {
        panic!("not a deployment")
    };
    assert!(d.spec.selector.match_labels.is_some());
    let Resource::HorizontalPodAutoscaler(h) = &*m.objects[2].resource else {
        panic!("not an hpa")
    };
    assert_eq!(h.spec.metrics.as_ref().unwrap().len(), 1);
}

#[test]
fn custom_resources_are_kept_as_generic_objects() {
    let m = model(
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g, labels: {a: b}}\nspec: {x: 1}\n",
    );
    assert_eq!(ids(&m), ["Gateway/default/g"]);
    assert_eq!(
        m.objects[0].labels().get("a").map(String::as_str),
        Some("b")
    );
    assert_eq!(m.objects[0].raw["spec"]["x"], 1);
}

#[test]
fn numeric_quantities_are_accepted() {
    let m = model(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    resources: {limits: {cpu: 1, memory: 512}}\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
}

#[test]
fn numeric_quantities_read_as_their_text_and_other_numbers_stay_numbers() {
    let m = model(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x\n    resources: {limits: {cpu: 0.5, memory: 512}}\n  volumes:\n  - name: v\n    emptyDir: {sizeLimit: 64}\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let Resource::Pod(pod) = &*m.objects[0].resource else {
        panic!("a Pod");
    };
    let spec = pod.spec.as_ref().unwrap();
    let limits = spec.containers[0]
        .resources
        .as_ref()
        .unwrap()
        .limits
        .as_ref()
        .unwrap();
    assert_eq!(
        (limits["cpu"].0.as_str(), limits["memory"].0.as_str()),
        ("0.5", "512")
    );
    let volume = &spec.volumes.as_ref().unwrap()[0];
    let size = volume
        .empty_dir
        .as_ref()
        .unwrap()
        .size_limit
        .as_ref()
        .unwrap();
    assert_eq!(size.0, "64");

    let m = model(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: 5\n",
    );
    assert!(m.diagnostics[0].message.contains("`spec.containers[0].image` has the wrong type: invalid type: integer `5`, expected a string"), "{}", m.diagnostics[0].message);
}

#[test]
fn a_wrong_type_in_a_list_item_is_located_at_the_item() {
    let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: a\n        image: x\n      - name: b\n        image: nginx\n        ports:\n        - containerPort: http\n";
    let d = &model(text).diagnostics[0];
    assert_eq!((d.location.line, d.location.column), (15, 11), "{d:?}");
    assert!(d.message.starts_with("Deployment web: `spec.template.spec.containers[1].ports[0].containerPort` has the wrong type: invalid type: string \"http\", expected i32"), "{}", d.message);
}

#[test]
fn unknown_fields_are_the_written_fields_the_type_skips() {
    let m = model(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labelz: {a: b}}\nspec:\n  replica: 2\n  paused: null\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      nothing: null\n      containers:\n      - name: a\n        image: x\n        imagePullPolic: Always\n",
    );
    assert!(m.diagnostics.is_empty(), "{:?}", m.diagnostics);
    let unknown: Vec<(&str, usize, Option<&str>)> = m.objects[0]
        .unknown_fields
        .iter()
        .map(|u| (u.path.as_str(), u.location.line, u.suggestion.as_deref()))
        .collect();
    assert_eq!(
        unknown,
        [
            ("metadata.labelz", 3, Some("labels")),
            ("spec.replica", 5, Some("replicas")),
            (
                "spec.template.spec.containers[0].imagePullPolic",
                15,
                Some("imagePullPolicy")
            ),
        ]
    );
}

#[test]
fn a_scalar_document_is_not_an_object() {
    let m = model("just some text\n");
    assert_eq!(m.diagnostics.len(), 1);
    assert!(m.diagnostics[0].message.contains("not a Kubernetes object"));
}

#[test]
fn json_files_with_several_objects() {
    let m = parse_files(vec![SourceFile::new(
        "a.json",
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}\n{\"apiVersion\": \"v1\",\n \"kind\": \"Secret\", \"metadata\": {\"name\": \"b\"}}\n",
    )]);
    assert_eq!(ids(&m), ["ConfigMap/default/a", "Secret/default/b"]);
    assert_eq!(m.objects[1].pos.line, 2);
}

#[test]
fn the_apply_time_namespace_goes_to_namespaced_objects_that_name_none() {
    let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    let m = parse_files_with(
        vec![SourceFile::new("m.yaml", text)],
        &ParseOptions::with_namespace("staging"),
    );
    assert_eq!(
        ids(&m),
        [
            "ConfigMap/staging/settings",
            "Service/shop/web",
            "Namespace/shop"
        ]
    );
    assert_eq!(ids(&model(text))[0], "ConfigMap/default/settings");
    assert_eq!(
        ParseOptions::with_namespace("  ").default_namespace,
        "default"
    );
}

#[test]
fn a_kind_under_the_wrong_api_version_names_the_right_one() {
    let m = model("apiVersion: v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n");
    let messages: Vec<String> = m
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.location, d.message))
        .collect();
    assert_eq!(
        messages,
        [
            "m.yaml:1:1 Deployment web: apiVersion `v1` does not serve kind Deployment; use `apiVersion: apps/v1`"
        ]
    );
}

#[test]
fn a_v1_ingress_in_the_v1beta1_shape_explains_the_v1_shape() {
    let m = model(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          serviceName: web\n          servicePort: 80\n",
    );
    assert_eq!(m.diagnostics.len(), 1, "{:?}", m.diagnostics);
    let d = &m.diagnostics[0];
    assert_eq!(d.location.line, 9);
    assert!(
        d.message.contains("v1beta1 shape")
            && d.message
                .contains("service: {name: web, port: {number: 80}}"),
        "{}",
        d.message
    );
    let old = model(
        "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  backend: {serviceName: web, servicePort: 80}\n",
    );
    assert!(old.diagnostics.is_empty(), "{:?}", old.diagnostics);
}

/// Three ConfigMaps, a comment-only piece and a document with a syntax error.
const THREE_MAPS: &str = "# the settings\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n---\nkey: [unclosed\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";

/// `text` read again after `before`, checked against a reading from scratch; returns how many
/// documents the second reading parsed.
#[track_caller]
fn read_again(before: &str, text: &str, options: &ParseOptions) -> usize {
    let previous = parse_file(&SourceFile::new("m.yaml", before), &ParseOptions::default());
    let file = SourceFile::new("m.yaml", text);
    let again = parse_file_again(&file, options, &previous);
    let fresh = parse_file(&file, options);
    assert_eq!(
        format!("{:?}", again.objects),
        format!("{:?}", fresh.objects)
    );
    assert_eq!(again.diagnostics, fresh.diagnostics);
    again.documents_read
}

#[test]
fn an_edit_reads_again_only_the_documents_it_touched() {
    let options = ParseOptions::default();
    assert_eq!(
        parse_file(&SourceFile::new("m.yaml", THREE_MAPS), &options).documents_read,
        4
    );
    assert_eq!(
        read_again(THREE_MAPS, THREE_MAPS, &options),
        0,
        "nothing changed"
    );
    let renamed = THREE_MAPS.replace("name: b", "name: bee");
    assert_eq!(
        read_again(THREE_MAPS, &renamed, &options),
        1,
        "typing within one document"
    );
    let fixed = THREE_MAPS.replace("[unclosed", "[closed]");
    assert_eq!(
        read_again(THREE_MAPS, &fixed, &options),
        1,
        "the broken document mended"
    );
}

#[test]
fn documents_that_move_or_are_renumbered_are_read_again() {
    let options = ParseOptions::default();
    // A line above moves every document below it.
    let shifted = format!("# a note\n{THREE_MAPS}");
    assert_eq!(read_again(THREE_MAPS, &shifted, &options), 4);
    // Without the first ConfigMap, the documents after it take new numbers.
    let shorter = THREE_MAPS.replace(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n",
        "",
    );
    assert_eq!(read_again(THREE_MAPS, &shorter, &options), 3);
    // An appended document is the only one read.
    let longer =
        format!("{THREE_MAPS}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n");
    assert_eq!(read_again(THREE_MAPS, &longer, &options), 1);
}

#[test]
fn another_name_or_namespace_reads_everything_again() {
    assert_eq!(
        read_again(
            THREE_MAPS,
            THREE_MAPS,
            &ParseOptions::with_namespace("shop")
        ),
        4
    );
    let previous = parse_file(
        &SourceFile::new("m.yaml", THREE_MAPS),
        &ParseOptions::default(),
    );
    let other = parse_file_again(
        &SourceFile::new("other.yaml", THREE_MAPS),
        &ParseOptions::default(),
        &previous,
    );
    assert_eq!(other.documents_read, 4);
    assert!(other.objects.iter().all(|o| &*o.file == "other.yaml"));
}
