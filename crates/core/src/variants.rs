//! Every variant of an enum as a fixed-size array, from strum's `VariantArray`.

use strum::VariantArray;

/// The variants of `T` in declaration order, as `[T; N]`; a wrong `N` fails to compile.
pub(crate) const fn all<T: VariantArray + Copy, const N: usize>() -> [T; N] {
    match T::VARIANTS.first_chunk::<N>() {
        Some(all) if T::VARIANTS.len() == N => *all,
        _ => panic!("N must be the number of variants"),
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use strum::VariantArray;

    use crate::checks::{Category, Level};
    use crate::graph::{Lane, ProblemCode, Relation};
    use crate::samples::Sample;

    /// The name strum derives equals the one serde writes.
    fn same_as_serde<T: Serialize>(value: T, name: &str) {
        assert_eq!(serde_json::to_value(value).unwrap(), name);
    }

    #[test]
    fn derived_names_are_the_serialised_ones() {
        for c in Category::ALL {
            same_as_serde(c, c.as_str());
        }
        for r in Relation::ALL {
            same_as_serde(r, r.as_str());
        }
        for p in ProblemCode::VARIANTS {
            same_as_serde(p, p.as_str());
        }
        assert_eq!(
            ProblemCode::ServiceTargetportUnresolved.as_str(),
            "service-targetport-unresolved"
        );
        assert_eq!(Relation::ALL[5].as_str(), "env");
        assert_eq!(Lane::ALL[0], Lane::Ingress);
        assert_eq!(Lane::ALL[8], Lane::Rbac);
    }

    #[test]
    fn keys_read_back() {
        assert_eq!(Level::parse("warning"), Some(Level::Warning));
        assert_eq!(Level::parse("Warning"), None);
        let keys: Vec<&str> = Sample::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(keys, ["feastflow", "pods-vs-replicasets", "empty"]);
        assert_eq!(
            Sample::from_key("pods-vs-replicasets"),
            Some(Sample::PodsVsReplicaSets)
        );
        assert_eq!(Sample::from_key("nope"), None);
    }
}
