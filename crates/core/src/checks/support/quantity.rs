//! Resource quantities: reading them from a container and parsing them into base units.

use k8s_openapi::api::core::v1::Container;

use super::containers::container_findings;
use crate::checks::{Check, Context, Finding};

/// Which half of a container's `resources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// `resources.requests`.
    Requests,
    /// `resources.limits`.
    Limits,
}

/// The quantity a container writes for `resource` (`cpu`, `memory`, `ephemeral-storage`).
pub(crate) fn quantity<'a>(
    container: &'a Container,
    side: Side,
    resource: &str,
) -> Option<&'a str> {
    let resources = container.resources.as_ref()?;
    let map = match side {
        Side::Requests => resources.requests.as_ref()?,
        Side::Limits => resources.limits.as_ref()?,
    };
    map.get(resource).map(|q| q.0.as_str())
}

/// The findings of a "no request" check: one for each long-running container that writes
/// neither a request nor a limit (which then serves as the request) for `resource`, saying
/// `container "web" has no <resource> request, so <consequence>`.
pub(crate) fn request_missing(
    ctx: &Context,
    check: &Check,
    resource: &str,
    consequence: &str,
    help: &str,
) -> Vec<Finding> {
    container_findings(ctx, check, "resources.requests", |container| {
        if quantity(container, Side::Requests, resource).is_some()
            || quantity(container, Side::Limits, resource).is_some()
        {
            return None;
        }
        Some((
            format!(
                "container \"{}\" has no {resource} request, so {consequence}",
                container.name
            ),
            help.to_owned(),
        ))
    })
}

/// A quantity split into its number and suffix, e.g. `("128", "Mi")`. `None` when it is not a
/// Kubernetes quantity.
pub(crate) fn split_quantity(text: &str) -> Option<(&str, &str)> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || ((*c == '+' || *c == '-') && *i == 0)))
        .map_or(text.len(), |(i, _)| i);
    let (number, suffix) = text.split_at(end);
    let digits = number.trim_start_matches(['+', '-']);
    if digits.is_empty() || digits == "." || digits.matches('.').count() > 1 {
        return None;
    }
    Some((number, suffix))
}

/// The value of a Kubernetes quantity in base units (cores for cpu, bytes for memory):
/// `500m` is 0.5, `1Gi` is 1073741824, `1e3` is 1000. `None` when it is not a quantity.
pub(crate) fn parse_quantity(text: &str) -> Option<f64> {
    let (number, suffix) = split_quantity(text)?;
    let n: f64 = number.parse().ok()?;
    let factor = match suffix_factor(suffix) {
        Some(factor) => factor,
        None if suffix.starts_with(['e', 'E']) => 10f64.powi(suffix[1..].parse().ok()?),
        None => return None,
    };
    Some(n * factor)
}

/// A resource quantity in base units, read leniently: the number is whatever precedes the
/// trailing letters (so `1e3Mi` is 1000 Mi), and the letters must be a unit suffix.
pub(crate) fn parse_quantity_lenient(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .len();
    let (number, suffix) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    Some(number * suffix_factor(suffix)?)
}

/// The factor of a unit suffix: decimal (`m`, `k`, `M`…) or binary (`Ki`, `Mi`…); `1` for none.
fn suffix_factor(suffix: &str) -> Option<f64> {
    Some(match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_in_base_units() {
        assert_eq!(parse_quantity("500m"), Some(0.5));
        assert_eq!(parse_quantity("1Gi"), Some(1_073_741_824.0));
        assert_eq!(parse_quantity("1G"), Some(1e9));
        assert_eq!(parse_quantity("1.5"), Some(1.5));
        assert_eq!(parse_quantity("1e3"), Some(1000.0));
        assert_eq!(parse_quantity("12x"), None);
        assert_eq!(parse_quantity(""), None);
        assert_eq!(parse_quantity("1Ei"), Some(1024f64.powi(6)));
        assert_eq!(split_quantity("128Mi"), Some(("128", "Mi")));
    }

    #[test]
    fn lenient_quantities_parse_to_base_units() {
        assert_eq!(parse_quantity_lenient("500m"), Some(0.5));
        assert_eq!(parse_quantity_lenient("2"), Some(2.0));
        assert_eq!(
            parse_quantity_lenient("1Gi"),
            Some(1024.0 * 1024.0 * 1024.0)
        );
        assert_eq!(parse_quantity_lenient("1G"), Some(1e9));
        assert_eq!(parse_quantity_lenient("1e3"), Some(1000.0));
        assert_eq!(parse_quantity_lenient("2E"), Some(2e18));
        assert_eq!(parse_quantity_lenient("ten"), None);
    }
}
