//! Containers as the checks name them in messages.

use k8s_openapi::api::core::v1::Container;

use crate::checks::{Check, Context, Finding};
use crate::model::{ContainerRef, Object};

/// `container "web"` or `init container "setup"`, for messages.
pub(crate) fn describe(c: &ContainerRef) -> String {
    let kind = if c.init {
        "init container"
    } else {
        "container"
    };
    format!("{kind} \"{}\"", c.container.name)
}

/// The long-running containers of an object: its regular containers, not its init containers.
pub(crate) fn regular_containers(obj: &Object) -> Vec<ContainerRef<'_>> {
    obj.containers().into_iter().filter(|c| !c.init).collect()
}

/// A finding of `check` at `<container>.<field>` for each long-running container of the model
/// that `judge` faults, with the message and the help it gives, in model order.
pub(crate) fn container_findings(
    ctx: &Context,
    check: &Check,
    field: &str,
    judge: impl Fn(&Container) -> Option<(String, String)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for obj in ctx.model.pod_owners() {
        for c in regular_containers(obj) {
            let Some((message, help)) = judge(c.container) else {
                continue;
            };
            findings.push(
                Finding::new(check, obj, &format!("{}.{field}", c.path), message)
                    .container(&c.container.name)
                    .help(help),
            );
        }
    }
    findings
}
