//! `IntOrString` fields (`maxSurge`, `maxUnavailable`, `minAvailable`): resolving and showing them.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// The percentage a string holds when the API server accepts it as one (`^[0-9]+%$`, as
/// `IsValidPercent`): no sign, no spaces. Very long digit strings saturate.
fn valid_percent(text: &str) -> Option<u128> {
    let digits = text.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<u128>().unwrap_or(u128::MAX))
}

/// Resolves a count or percentage against `total` the way the Deployment controller does for
/// `maxSurge` and `maxUnavailable`: a percentage rounds up when `round_up`, else down, and the
/// result saturates at `i32::MAX` (the API's counts are int32), so no percentage can wrap around.
/// `None` when it is neither a number nor a percentage the API server accepts (`"-50%"`,
/// `"lots"`); negative totals count as 0.
pub fn resolve_int_or_percent(value: &IntOrString, total: i32, round_up: bool) -> Option<i32> {
    match value {
        IntOrString::Int(n) => Some(*n),
        IntOrString::String(s) => {
            let percent = valid_percent(s)?;
            let scaled = percent.saturating_mul(u128::from(total.max(0).unsigned_abs()));
            let value = if round_up {
                scaled.div_ceil(100)
            } else {
                scaled / 100
            };
            Some(i32::try_from(value).unwrap_or(i32::MAX))
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

    fn pct(s: &str) -> IntOrString {
        IntOrString::String(s.into())
    }

    #[test]
    fn percentages_round_up_for_surge_and_down_for_unavailable() {
        assert_eq!(resolve_int_or_percent(&pct("25%"), 3, true), Some(1));
        assert_eq!(resolve_int_or_percent(&pct("25%"), 3, false), Some(0));
        assert_eq!(resolve_int_or_percent(&pct("25%"), 8, false), Some(2));
        assert_eq!(
            resolve_int_or_percent(&IntOrString::Int(2), 3, false),
            Some(2)
        );
        assert_eq!(resolve_int_or_percent(&pct("lots"), 3, false), None);
    }

    #[test]
    fn huge_percentages_saturate_instead_of_wrapping() {
        // 6148914691236517239 × 3 wraps 64 bits to 1; divided by 100 and rounded up that was 1
        // (2 with the old rounding): a blocking value read as harmless.
        let huge = pct("6148914691236517239%");
        assert_eq!(resolve_int_or_percent(&huge, 3, false), Some(i32::MAX));
        assert_eq!(resolve_int_or_percent(&huge, 3, true), Some(i32::MAX));
        let longer = pct(&format!("{}%", "9".repeat(60)));
        assert_eq!(resolve_int_or_percent(&longer, 3, true), Some(i32::MAX));
    }

    #[test]
    fn only_percentages_the_api_server_accepts_resolve() {
        for bad in ["-50%", "+5%", " 5%", "5 %", "%", "5.5%"] {
            assert_eq!(resolve_int_or_percent(&pct(bad), 4, true), None, "{bad}");
        }
        assert_eq!(resolve_int_or_percent(&pct("0%"), 4, true), Some(0));
    }
}
