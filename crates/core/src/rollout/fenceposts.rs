//! The numbers of a rolling update: `maxSurge` and `maxUnavailable` as written (`IntOrString`),
//! their validation by the API server and their rounding into pod counts.
//!
//! Deployments round surge up and unavailable down (`ResolveFenceposts`), StatefulSets round
//! unavailable down with a floor of 1, DaemonSets round both up.

use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Rounding direction for a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    /// `ceil(N × total / 100)`.
    Up,
    /// `floor(N × total / 100)`.
    Down,
}

/// Why a value cannot be turned into a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    /// A string that is not `N%`, such as `"90"` or `"oops"`.
    #[error("invalid value for IntOrString: invalid type: string is not a percentage")]
    NotAPercentage,
}

/// The percentage in a valid `N%` string (digits followed by `%`), like apimachinery's
/// `IsValidPercent`.
pub fn percent(text: &str) -> Option<u64> {
    let digits = text.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Very long digit strings saturate instead of failing: they are still valid percentages.
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

/// `intstr.GetScaledValueFromIntOrPercent`: an int as is (negative ints count as 0), `N%` of
/// `total` rounded as asked (at most `i32::MAX`); any other string is an error (the deprecated
/// `GetValueFromIntOrPercent` accepted bare numbers such as `"90"`; this one does not).
pub fn scaled_value(value: &IntOrString, total: u32, round: Round) -> Result<u32, ScaleError> {
    match value {
        IntOrString::Int(n) => Ok((*n).max(0) as u32),
        IntOrString::String(s) => {
            let pct = percent(s).ok_or(ScaleError::NotAPercentage)?;
            let product = u128::from(pct) * u128::from(total);
            let scaled = match round {
                Round::Up => product.div_ceil(100),
                Round::Down => product / 100,
            };
            // Counts are int32 in the API: a huge percentage saturates there.
            Ok(u32::try_from(scaled.min(i32::MAX as u128)).unwrap_or(i32::MAX as u32))
        }
    }
}

/// `deploymentutil.ResolveFenceposts`: the surge (rounded up) and unavailable (rounded down)
/// pod counts for `replicas`. A missing value counts as 0; when both resolve to 0, unavailable
/// becomes 1 so the rollout can progress.
pub fn resolve_fenceposts(
    max_surge: Option<&IntOrString>,
    max_unavailable: Option<&IntOrString>,
    replicas: u32,
) -> Result<(u32, u32), ScaleError> {
    let zero = IntOrString::Int(0);
    let surge = scaled_value(max_surge.unwrap_or(&zero), replicas, Round::Up)?;
    let unavailable = scaled_value(max_unavailable.unwrap_or(&zero), replicas, Round::Down)?;
    if surge == 0 && unavailable == 0 {
        return Ok((0, 1));
    }
    Ok((surge, unavailable))
}

/// `deploymentutil.MaxUnavailable`: the resolved unavailable count clamped to `replicas` (0 when
/// there are no replicas).
pub fn deployment_max_unavailable(resolved_unavailable: u32, replicas: u32) -> u32 {
    if replicas == 0 {
        0
    } else {
        resolved_unavailable.min(replicas)
    }
}

/// `getStatefulSetMaxUnavailable`: rounded down, at least 1 (a missing value means 1).
pub fn statefulset_max_unavailable(
    value: Option<&IntOrString>,
    replicas: u32,
) -> Result<u32, ScaleError> {
    let Some(value) = value else { return Ok(1) };
    Ok(scaled_value(value, replicas, Round::Down)?.max(1))
}

/// `SurgeCount` and `UnavailableCount` of a DaemonSet over `nodes` nodes: both rounded up; when
/// both are 0, unavailable becomes 1.
pub fn daemonset_fenceposts(
    max_surge: Option<&IntOrString>,
    max_unavailable: Option<&IntOrString>,
    nodes: u32,
) -> Result<(u32, u32), ScaleError> {
    let surge = match max_surge {
        Some(v) => scaled_value(v, nodes, Round::Up)?,
        None => 0,
    };
    let unavailable = match max_unavailable {
        Some(v) => scaled_value(v, nodes, Round::Up)?,
        None => 1,
    };
    if surge == 0 && unavailable == 0 {
        return Ok((0, 1));
    }
    Ok((surge, unavailable))
}

/// How the API server prints an `IntOrString` value in a field error: JSON, so strings are quoted.
pub fn show(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\"")),
    }
}

/// The message of apimachinery's `IsValidPercent` (with its double space).
pub const PERCENT_MESSAGE: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/// `getIntOrPercentValue`: the number in a percentage, an int as is, and for any other string
/// what `strconv.Atoi` makes of it (0 when it is not a number).
fn int_or_percent_value(value: &IntOrString) -> i64 {
    match value {
        IntOrString::Int(n) => i64::from(*n),
        IntOrString::String(s) => match percent(s) {
            Some(p) => i64::try_from(p).unwrap_or(i64::MAX),
            None => s.parse::<i64>().unwrap_or(0),
        },
    }
}

/// `ValidatePositiveIntOrPercent`: errors for `field` (a full path such as
/// `spec.strategy.rollingUpdate.maxSurge`).
fn validate_positive_int_or_percent(value: &IntOrString, field: &str, errors: &mut Vec<String>) {
    match value {
        IntOrString::String(s) if percent(s).is_none() => {
            errors.push(format!(
                "{field}: Invalid value: {}: {PERCENT_MESSAGE}",
                show(value)
            ));
        }
        IntOrString::Int(n) if *n < 0 => {
            errors.push(format!(
                "{field}: Invalid value: {n}: must be greater than or equal to 0"
            ));
        }
        _ => {}
    }
}

/// `IsNotMoreThan100Percent`.
fn validate_not_more_than_100_percent(value: &IntOrString, field: &str, errors: &mut Vec<String>) {
    if let IntOrString::String(s) = value
        && percent(s).is_some_and(|p| p > 100)
    {
        errors.push(format!(
            "{field}: Invalid value: {}: must not be greater than 100%",
            show(value)
        ));
    }
}

/// `ValidatePositiveIntOrPercent` (and `IsNotMoreThan100Percent` when `at_most_100`) on one
/// value, with the API server's messages: what the checks use to flag values the API server
/// refuses (`"-50%"`, `-1`, `"150%"` for an unavailable budget).
pub fn validate_count_or_percent(
    value: &IntOrString,
    field: &str,
    at_most_100: bool,
) -> Vec<String> {
    let mut errors = Vec::new();
    validate_positive_int_or_percent(value, field, &mut errors);
    if at_most_100 {
        validate_not_more_than_100_percent(value, field, &mut errors);
    }
    errors
}

/// `ValidateRollingUpdateDeployment` on the defaulted values (a missing value is 25%), with the
/// API server's messages. `path` is e.g. `spec.strategy.rollingUpdate`.
pub fn validate_deployment_rolling_update(
    max_surge: &IntOrString,
    max_unavailable: &IntOrString,
    path: &str,
) -> Vec<String> {
    let mut errors = Vec::new();
    let unavailable_field = format!("{path}.maxUnavailable");
    let surge_field = format!("{path}.maxSurge");
    validate_positive_int_or_percent(max_unavailable, &unavailable_field, &mut errors);
    validate_positive_int_or_percent(max_surge, &surge_field, &mut errors);
    if int_or_percent_value(max_unavailable) == 0 && int_or_percent_value(max_surge) == 0 {
        errors.push(format!(
            "{unavailable_field}: Invalid value: {}: may not be 0 when `maxSurge` is 0",
            show(max_unavailable)
        ));
    }
    validate_not_more_than_100_percent(max_unavailable, &unavailable_field, &mut errors);
    errors
}

/// `ValidateRollingUpdateDaemonSet` on the defaulted values (maxUnavailable 1, maxSurge 0).
pub fn validate_daemonset_rolling_update(
    max_surge: &IntOrString,
    max_unavailable: &IntOrString,
    path: &str,
) -> Vec<String> {
    let mut errors = Vec::new();
    let unavailable_field = format!("{path}.maxUnavailable");
    let surge_field = format!("{path}.maxSurge");
    validate_positive_int_or_percent(max_unavailable, &unavailable_field, &mut errors);
    validate_positive_int_or_percent(max_surge, &surge_field, &mut errors);
    validate_not_more_than_100_percent(max_unavailable, &unavailable_field, &mut errors);
    validate_not_more_than_100_percent(max_surge, &surge_field, &mut errors);
    let has_unavailable = int_or_percent_value(max_unavailable) != 0;
    let has_surge = int_or_percent_value(max_surge) != 0;
    if has_unavailable && has_surge {
        errors.push(format!(
            "{surge_field}: Invalid value: {}: may not be set when maxUnavailable is non-zero",
            show(max_surge)
        ));
    }
    if !has_unavailable && !has_surge {
        errors.push(format!(
            "{unavailable_field}: Required value: cannot be 0 when maxSurge is 0"
        ));
    }
    errors
}

/// `validateRollingUpdateStatefulSet`: `partition` ≥ 0 and `maxUnavailable` ≥ 1 or a percentage
/// in (0%, 100%].
pub fn validate_statefulset_rolling_update(
    partition: Option<i32>,
    max_unavailable: Option<&IntOrString>,
    path: &str,
) -> Vec<String> {
    let mut errors = Vec::new();
    if let Some(p) = partition
        && p < 0
    {
        errors.push(format!(
            "{path}.partition: Invalid value: {p}: must be greater than or equal to 0"
        ));
    }
    if let Some(value) = max_unavailable {
        let field = format!("{path}.maxUnavailable");
        validate_positive_int_or_percent(value, &field, &mut errors);
        if int_or_percent_value(value) == 0 {
            errors.push(format!(
                "{field}: Invalid value: {}: cannot be 0",
                show(value)
            ));
        }
        validate_not_more_than_100_percent(value, &field, &mut errors);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> IntOrString {
        IntOrString::String(text.to_owned())
    }

    #[track_caller]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "keeps the table of cases below short"
    )]
    fn fenceposts(
        surge: Option<IntOrString>,
        unavailable: Option<IntOrString>,
        replicas: u32,
        expected: (u32, u32),
    ) {
        assert_eq!(
            resolve_fenceposts(surge.as_ref(), unavailable.as_ref(), replicas),
            Ok(expected)
        );
    }

    #[test]
    fn upstream_resolve_fenceposts_cases() {
        fenceposts(Some(s("0%")), Some(s("0%")), 0, (0, 1));
        fenceposts(Some(s("39%")), Some(s("39%")), 10, (4, 3));
        fenceposts(None, Some(s("39%")), 10, (0, 3));
        fenceposts(Some(s("39%")), None, 10, (4, 0));
        fenceposts(None, None, 10, (0, 1));
        assert!(resolve_fenceposts(Some(&s("oops")), Some(&s("25%")), 10).is_err());
        assert!(resolve_fenceposts(Some(&s("25%")), Some(&s("urg")), 10).is_err());
    }

    #[test]
    fn common_configurations() {
        fenceposts(Some(s("25%")), Some(s("25%")), 3, (1, 0));
        fenceposts(Some(s("25%")), Some(s("25%")), 10, (3, 2));
        fenceposts(Some(s("30%")), Some(IntOrString::Int(0)), 5, (2, 0));
        fenceposts(Some(s("33%")), Some(s("33%")), 3, (1, 0));
        // A written non-zero that rounds down to zero falls back to one unavailable pod.
        fenceposts(Some(s("0%")), Some(s("1%")), 10, (0, 1));
    }

    #[test]
    fn percentages_round_like_upstream() {
        assert_eq!(scaled_value(&s("90%"), 95, Round::Up), Ok(86));
        assert_eq!(scaled_value(&s("90%"), 95, Round::Down), Ok(85));
        assert_eq!(
            scaled_value(&s("90"), 95, Round::Down),
            Err(ScaleError::NotAPercentage)
        );
        assert_eq!(scaled_value(&IntOrString::Int(7), 95, Round::Down), Ok(7));
    }

    #[test]
    fn statefulset_and_daemonset_rounding() {
        assert_eq!(statefulset_max_unavailable(Some(&s("10%")), 4), Ok(1));
        assert_eq!(statefulset_max_unavailable(Some(&s("50%")), 5), Ok(2));
        assert_eq!(statefulset_max_unavailable(None, 5), Ok(1));
        // 25% of 10 nodes: a DaemonSet rounds up to 3 where a Deployment rounds down to 2.
        assert_eq!(daemonset_fenceposts(None, Some(&s("25%")), 10), Ok((0, 3)));
        assert_eq!(resolve_fenceposts(None, Some(&s("25%")), 10), Ok((0, 2)));
        assert_eq!(
            daemonset_fenceposts(Some(&s("10%")), Some(&IntOrString::Int(0)), 3),
            Ok((1, 0))
        );
        assert_eq!(
            daemonset_fenceposts(Some(&IntOrString::Int(0)), Some(&s("0%")), 3),
            Ok((0, 1))
        );
    }

    #[test]
    fn deployment_validation_messages() {
        let path = "spec.strategy.rollingUpdate";
        assert_eq!(
            validate_deployment_rolling_update(&IntOrString::Int(0), &IntOrString::Int(0), path),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"
            ]
        );
        assert_eq!(
            validate_deployment_rolling_update(&s("0%"), &s("0%"), path),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"
            ]
        );
        assert_eq!(
            validate_deployment_rolling_update(&s("90"), &IntOrString::Int(1), path),
            [format!(
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"90\": {PERCENT_MESSAGE}"
            )]
        );
        assert_eq!(
            validate_deployment_rolling_update(&IntOrString::Int(1), &s("150%"), path),
            [
                "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"
            ]
        );
        assert_eq!(
            validate_deployment_rolling_update(&IntOrString::Int(-1), &IntOrString::Int(1), path),
            [
                "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"
            ]
        );
        // The zero test reads the written numbers: 0% and 1% pass.
        assert!(validate_deployment_rolling_update(&s("0%"), &s("1%"), path).is_empty());
        assert!(
            validate_deployment_rolling_update(&s("150%"), &IntOrString::Int(0), path).is_empty()
        );
    }

    #[test]
    fn daemonset_validation_wants_exactly_one_non_zero() {
        let path = "spec.updateStrategy.rollingUpdate";
        assert_eq!(
            validate_daemonset_rolling_update(&IntOrString::Int(1), &IntOrString::Int(1), path),
            [
                "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"
            ]
        );
        assert_eq!(
            validate_daemonset_rolling_update(&IntOrString::Int(0), &IntOrString::Int(0), path),
            [
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"
            ]
        );
        assert!(
            validate_daemonset_rolling_update(&s("20%"), &IntOrString::Int(0), path).is_empty()
        );
    }

    #[test]
    fn statefulset_validation() {
        let path = "spec.updateStrategy.rollingUpdate";
        assert_eq!(
            validate_statefulset_rolling_update(Some(-1), None, path),
            [
                "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0"
            ]
        );
        assert_eq!(
            validate_statefulset_rolling_update(None, Some(&IntOrString::Int(0)), path),
            ["spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0"]
        );
        assert!(validate_statefulset_rolling_update(Some(3), Some(&s("10%")), path).is_empty());
    }
}
