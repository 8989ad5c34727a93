//! `manifesto rollout`: the rolling update of one workload, pass by pass.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use manifesto_core::ObjectId;
use manifesto_core::rollout::{self, Rollout, RolloutError, RolloutOptions, State, WorkloadKind};
use serde_json::{Value, json};

use crate::input::ReadArgs;
use crate::output;
use crate::terminal::safe;

/// Arguments of `manifesto rollout`.
#[derive(clap::Args, Debug)]
pub(crate) struct RolloutArgs {
    /// Files, folders or `-`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// The workload, as `Kind/namespace/name`.
    #[arg(long)]
    pub workload: String,
    /// How many nodes a DaemonSet runs on.
    #[arg(long, default_value_t = 3)]
    pub nodes: u32,
    /// Simulate a new version that never becomes ready.
    #[arg(long)]
    pub fail_new: bool,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = ["json", "text"])]
    pub format: String,
}

/// Prints the simulation, or why a workload without a rollout (a ReplicationController) has
/// none. Exit 1 when the API server would refuse the spec, 2 for an unknown workload.
pub(crate) fn run(args: &RolloutArgs) -> Result<ExitCode> {
    let model = args.read.load(&args.paths)?;
    let id = parse_id(&args.workload);
    let options = RolloutOptions {
        fail_new: args.fail_new,
        nodes: args.nodes,
        ..RolloutOptions::default()
    };
    let rollout = match rollout::simulate(&model, &id, &options) {
        Ok(rollout) => rollout,
        Err(err @ RolloutError::Invalid { .. }) => {
            eprintln!("error: {}", safe(&err.to_string()));
            return Ok(ExitCode::from(1));
        }
        Err(err @ RolloutError::NoRollout { .. }) => {
            if args.format == "json" {
                let answer = json!({ "workload": id, "rollout": null, "reason": err.to_string() });
                output::println(&serde_json::to_string_pretty(&answer)?)?;
            } else {
                output::println(&safe(&err.to_string()))?;
            }
            return Ok(ExitCode::SUCCESS);
        }
        Err(err) => bail!(err),
    };
    if args.format == "json" {
        output::println(&serde_json::to_string_pretty(&to_json(&rollout))?)?;
    } else {
        output::print(&safe(&to_text(&rollout)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `Kind/namespace/name` (or `Kind/name`) as an id.
fn parse_id(text: &str) -> ObjectId {
    let parts: Vec<&str> = text.splitn(3, '/').collect();
    match parts.as_slice() {
        [kind, ns, name] => ObjectId::new(kind, Some(ns), name),
        [kind, name] => ObjectId::new(kind, None, name),
        _ => ObjectId::new(text, None, ""),
    }
}

fn state_json(state: &State, kind: WorkloadKind) -> Value {
    let mut v = json!({
        "old_total": state.old_total,
        "old_ready": state.old_ready,
        "new_total": state.new_total,
        "new_ready": state.new_ready,
        "serving": state.traffic.serving(),
    });
    if kind.pod_set_kind().is_none() {
        v["pods"] = state
            .pods
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "ordinal": p.ordinal,
                    "node": p.node,
                    "revision": if p.updated { "new" } else { "old" },
                    "phase": p.phase,
                })
            })
            .collect();
    }
    v
}

/// The JSON document: the fields the tests and scripts rely on, plus the narration.
fn to_json(r: &Rollout) -> Value {
    let passes: Vec<Value> = r
        .passes
        .iter()
        .map(|p| {
            json!({
                "pass": p.number,
                "decision": p.decision,
                "narration": p.narration,
                "events": p.events,
                "after": state_json(&p.after, r.kind),
                "settled": state_json(&p.settled, r.kind),
                "seconds": p.seconds,
            })
        })
        .collect();
    json!({
        "workload": r.workload,
        "kind": r.kind,
        "strategy": r.strategy,
        "replicas": r.replicas,
        "max_surge": r.max_surge,
        "max_unavailable": r.max_unavailable,
        "min_available": r.min_available,
        "max_total": r.max_total,
        "partition": r.partition,
        "old_revision": r.old_rs_name,
        "new_revision": r.new_rs_name,
        "old_image": r.old_image,
        "new_image": r.new_image,
        "initial": state_json(&r.initial, r.kind),
        "passes": passes,
        "complete": r.complete,
        "condition": r.condition,
        "stall": r.stall,
        "estimated_seconds": r.estimated_seconds,
        "assumptions": r.assumptions,
        "services": r.services,
        "zero_downtime": r.zero_downtime,
        "notes": r.notes,
        "commands": r.commands,
    })
}

/// Pods receiving traffic, or `-` when no Service is in front of the workload.
fn serving(r: &Rollout, s: &State) -> String {
    if r.services.is_empty() {
        "-".to_owned()
    } else {
        s.traffic.serving().to_string()
    }
}

fn counts(s: &State) -> String {
    format!(
        "{}/{} | {}/{}",
        s.old_total, s.old_ready, s.new_total, s.new_ready
    )
}

/// Wraps `text` at `width` columns, each line indented by `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.chars().count() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The readable table: one block per pass with its counts, decision, narration and events.
fn to_text(r: &Rollout) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", r.workload, r.strategy.as_str());
    match r.kind {
        WorkloadKind::DaemonSet => {
            let _ = writeln!(
                out,
                "  {} nodes, maxSurge {}, maxUnavailable {} (resolved)",
                r.replicas, r.max_surge, r.max_unavailable
            );
        }
        WorkloadKind::StatefulSet => {
            let _ = writeln!(
                out,
                "  replicas {}, maxUnavailable {} (resolved)",
                r.replicas, r.max_unavailable
            );
        }
        WorkloadKind::Deployment | WorkloadKind::DeploymentConfig => {
            let _ = writeln!(
                out,
                "  replicas {}, maxSurge {}, maxUnavailable {} (resolved): at most {} pods, at least {} available",
                r.replicas, r.max_surge, r.max_unavailable, r.max_total, r.min_available
            );
        }
    }
    if let Some(policy) = &r.pod_management_policy {
        let partition = r
            .partition
            .map(|p| format!(", partition {p}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  podManagementPolicy {policy}{partition}");
    }
    let image = |i: &Option<String>| i.as_deref().map(|i| format!(", {i}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "  {} (revision {}{}) -> {} (revision {}{})",
        r.old_rs_name,
        r.revisions.0,
        image(&r.old_image),
        r.new_rs_name,
        r.revisions.1,
        image(&r.new_image)
    );
    if !r.services.is_empty() {
        let _ = writeln!(out, "  traffic from: {}", r.services.join(", "));
    }
    let _ = writeln!(out, "\nstate: old total/available | new total/available");
    let _ = writeln!(
        out,
        "pass  after             settled           serving  time"
    );
    let _ = writeln!(
        out,
        "{:>4}  {:<16}  {:<16}  {:>7}",
        0,
        counts(&r.initial),
        "",
        serving(r, &r.initial)
    );
    for p in &r.passes {
        let _ = writeln!(
            out,
            "{:>4}  {:<16}  {:<16}  {:>7}  {} s",
            p.number,
            counts(&p.after),
            counts(&p.settled),
            serving(r, &p.after),
            p.seconds
        );
        out.push_str(&wrap(&format!("decision: {}", p.decision), "      ", 100));
        out.push_str(&wrap(&p.narration, "      ", 100));
        for e in &p.events {
            let _ = writeln!(out, "      event: {e}");
        }
        if r.kind == WorkloadKind::StatefulSet || r.kind == WorkloadKind::DaemonSet {
            let tiles: Vec<String> = p
                .settled
                .pods
                .iter()
                .map(|t| format!("{}{}", t.name, if t.updated { "(new)" } else { "(old)" }))
                .collect();
            if !tiles.is_empty() {
                out.push_str(&wrap(&format!("pods: {}", tiles.join(" ")), "      ", 100));
            }
        }
    }
    out.push('\n');
    if let Some(stall) = &r.stall {
        out.push_str(&wrap(&format!("stuck: {stall}"), "", 100));
    }
    for note in &r.notes {
        out.push_str(&wrap(&format!("note: {note}"), "", 100));
    }
    let _ = writeln!(
        out,
        "{}: {}={} {} ({})",
        if r.complete {
            "complete"
        } else {
            "not complete"
        },
        r.condition.type_,
        r.condition.status,
        r.condition.reason,
        r.condition.message
    );
    let _ = writeln!(
        out,
        "{}",
        match (r.services.is_empty(), r.zero_downtime) {
            (true, _) => "no Service selects these pods, so no traffic is counted".to_owned(),
            (false, true) => format!(
                "zero downtime: at least {} pods serve at every moment",
                r.lowest_serving
            ),
            (false, false) => "downtime: at some moment no pod serves".to_owned(),
        }
    );
    let _ = writeln!(
        out,
        "estimated time: {} s (an estimate), assuming:",
        r.estimated_seconds
    );
    for a in &r.assumptions {
        out.push_str(&wrap(&format!("- {a}"), "  ", 100));
    }
    let _ = writeln!(out, "commands:");
    for c in &r.commands {
        let _ = writeln!(out, "  {:<70} # {}", c.command, c.purpose);
    }
    out
}
