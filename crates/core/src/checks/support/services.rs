//! The Services that send traffic to a workload.

use crate::model::{Model, Object, Resource};

/// The Services in the object's namespace whose selector matches its pod labels (Services
/// without a selector, and ExternalName Services, select no pods).
pub(crate) fn services_selecting<'a>(model: &'a Model, obj: &Object) -> Vec<&'a Object> {
    model
        .services_selecting(obj)
        .into_iter()
        .filter(|svc| match &*svc.resource {
            Resource::Service(s) => {
                s.spec.as_ref().and_then(|spec| spec.type_.as_deref()) != Some("ExternalName")
            }
            _ => false,
        })
        .collect()
}

/// `Service "a" sends` or `Services "a", "b" send`: the Services with the verb agreeing.
pub(crate) fn services_doing(services: &[&Object], one: &str, many: &str) -> String {
    let verb = if services.len() == 1 { one } else { many };
    format!("{} {verb}", describe_services(services))
}

/// `Service "a"` or `Services "a", "b"`.
pub(crate) fn describe_services(services: &[&Object]) -> String {
    let names: Vec<String> = services.iter().map(|s| format!("\"{}\"", s.name)).collect();
    if names.len() == 1 {
        format!("Service {}", names[0])
    } else {
        format!("Services {}", names.join(", "))
    }
}
