//! `IntOrString` fields (`maxSurge`, `maxUnavailable`, `minAvailable`): resolving and showing them.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Resolves a count or percentage against `total` the way the Deployment controller does for
/// `maxSurge` and `maxUnavailable`: a percentage rounds up when `round_up`, else down. `None`
/// when it is neither a number nor a percentage.
pub fn resolve_int_or_percent(value: &IntOrString, total: i32, round_up: bool) -> Option<i32> {
    match value {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(s) => {
            let percent: i64 = s.strip_suffix('%')?.trim().parse().ok()?;
            let scaled = percent * i64::from(total);
            let value = if round_up {
                (scaled + 99).div_euclid(100)
            } else {
                scaled.div_euclid(100)
            };
            i32::try_from(value).ok()
        }
    }
}

/// An `IntOrString` as written, for messages: `1` or `25%`.
pub fn describe_int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_up_for_surge_and_down_for_unavailable() {
        let pct = IntOrString::String("25%".into());
        assert_eq!(resolve_int_or_percent(&pct, 3, true), Some(1));
        assert_eq!(resolve_int_or_percent(&pct, 3, false), Some(0));
        assert_eq!(resolve_int_or_percent(&pct, 8, false), Some(2));
        assert_eq!(
            resolve_int_or_percent(&IntOrString::Int(2), 3, false),
            Some(2)
        );
        assert_eq!(
            resolve_int_or_percent(&IntOrString::String("lots".into()), 3, false),
            None
        );
    }
}
