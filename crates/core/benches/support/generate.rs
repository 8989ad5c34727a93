//! Synthetic inputs of a chosen size for the benchmarks and `scripts/bench.sh`: FeastFlow repeated
//! in many namespaces, and the shapes that used to grow faster than the input.

use manifesto_core::SourceFile;
use manifesto_core::samples::Sample;

/// The input shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// FeastFlow's 11 objects repeated in `objects / 11` namespaces (`ff-0001`, …).
    FeastFlow,
    /// `objects / 2` Deployments in one namespace, each with a Service selecting its pods.
    ServicesDeployments,
    /// `objects / 2` Deployments sharing the label `tier: web`, and as many Services that all
    /// select `tier: web`: every Service selects the pods of every Deployment.
    Fanout,
}

impl Shape {
    /// Every shape, in the order the tools list them.
    #[allow(dead_code)]
    pub const ALL: [Shape; 3] = [Shape::FeastFlow, Shape::ServicesDeployments, Shape::Fanout];

    /// The shape's name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Shape::FeastFlow => "feastflow",
            Shape::ServicesDeployments => "services-deployments",
            Shape::Fanout => "fanout",
        }
    }

    /// The shape with this name.
    #[allow(dead_code)]
    pub fn from_key(key: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// One multi-document YAML text of about `objects` objects of `shape` (rounded down to whole
/// copies: a multiple of 11 for FeastFlow, of 2 otherwise).
pub fn generate(shape: Shape, objects: usize) -> String {
    match shape {
        Shape::FeastFlow => feastflow(objects / 11),
        Shape::ServicesDeployments => services_deployments(objects / 2, false),
        Shape::Fanout => services_deployments(objects / 2, true),
    }
}

/// The generated text as one source file named after the shape and size.
#[allow(dead_code)]
pub fn file(shape: Shape, objects: usize) -> SourceFile {
    SourceFile::new(
        format!("{}-{objects}.yaml", shape.key()),
        generate(shape, objects),
    )
}

fn feastflow(copies: usize) -> String {
    let files = Sample::FeastFlow.files();
    let mut out = String::new();
    for i in 1..=copies {
        let ns = format!("ff-{i:04}");
        for f in &files {
            let text = f
                .text
                .replace("namespace: feastflow", &format!("namespace: {ns}"))
                .replace("\n  name: feastflow\n", &format!("\n  name: {ns}\n"));
            out.push_str("---\n");
            out.push_str(&text);
            if !text.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

fn services_deployments(pairs: usize, fanout: bool) -> String {
    let mut out = String::new();
    for i in 0..pairs {
        let selector = if fanout {
            "    tier: web".to_owned()
        } else {
            format!("    app: app-{i:05}")
        };
        out.push_str(&format!(
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i:05}
  namespace: bulk
  labels:
    app: app-{i:05}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-{i:05}
  template:
    metadata:
      labels:
        app: app-{i:05}
        tier: web
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0.{i}
          ports:
            - containerPort: 8080
              name: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 200m
              memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: svc-{i:05}
  namespace: bulk
spec:
  ports:
    - port: 80
      targetPort: http
  selector:
{selector}
"#
        ));
    }
    out
}
