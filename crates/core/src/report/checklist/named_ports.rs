//! `named-ports`: every container port has a name and no probe uses a port number.

use super::{Row, Verdict, app_containers, no_related};
use crate::model::{Model, Object};

/// The `named-ports` row.
pub(super) const ROW: Row = Row {
    id: "named-ports",
    title: "Named ports",
    checks: &["named-ports-preferred"],
    rule: "every container port has a name and no probe of the workload uses a port number; not applicable without container ports",
    fix: "ports:\n  - name: http\n    containerPort: 8080\n",
    verdict: named_ports,
    judged_by_checks: false,
    related: no_related,
};

fn named_ports(object: &Object, _model: &Model) -> Verdict {
    let mut names = Vec::new();
    for (container, path) in app_containers(object) {
        for (i, port) in container.ports.iter().flatten().enumerate() {
            match port.name.as_deref().filter(|n| !n.is_empty()) {
                Some(name) => names.push(name.to_owned()),
                None => {
                    return Verdict::Fail(
                        format!(
                            "container \"{}\" port {} has no name",
                            container.name, port.container_port
                        ),
                        Some(object.locate(&format!("{path}.ports[{i}]"))),
                    );
                }
            }
        }
    }
    if names.is_empty() {
        Verdict::Na("declares no container ports".to_owned())
    } else {
        Verdict::Pass(format!(
            "every container port is named ({})",
            names.join(", ")
        ))
    }
}
