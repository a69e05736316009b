//! Properties: the evaluator against a tiny reference model, and the laws of subset.

use proptest::prelude::*;

use super::super::{Catalog, Pattern, PermissionSet, Permissions, difference, is_subset};

/// Reference matcher: expand every `/*/` into its two readings, then a plain glob.
fn reference_matches(pattern: &str, op: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let op = op.to_ascii_lowercase();
    expansions(&pattern)
        .iter()
        .any(|p| glob(p.as_bytes(), op.as_bytes()))
}

fn expansions(pattern: &str) -> Vec<String> {
    match pattern.find("/*/") {
        None => vec![pattern.to_owned()],
        Some(pos) => {
            let (head, tail) = pattern.split_at(pos);
            let rest = &tail[3..];
            let mut out = Vec::new();
            for r in expansions(&format!("/{rest}")) {
                out.push(format!("{head}/*{r}"));
                out.push(format!("{head}{r}"));
            }
            out
        }
    }
}

/// `*` matches any run of bytes; everything else literally.
fn glob(p: &[u8], s: &[u8]) -> bool {
    let mut table = vec![vec![false; s.len() + 1]; p.len() + 1];
    table[p.len()][s.len()] = true;
    for i in (0..p.len()).rev() {
        for j in (0..=s.len()).rev() {
            table[i][j] = if p[i] == b'*' {
                table[i + 1][j] || (j < s.len() && table[i][j + 1])
            } else {
                j < s.len() && p[i] == s[j] && table[i + 1][j + 1]
            };
        }
    }
    table[0][0]
}

/// A pattern derived from catalog operation `index` by `shape`, with case noise from `seed`.
fn derive(index: usize, shape: u8, seed: u64) -> String {
    let ops = Catalog::azure().operations();
    let name = ops[index % ops.len()].name();
    let segments: Vec<&str> = name.split('/').collect();
    let n = segments.len();
    let k = 1 + (seed as usize) % (n - 1).max(1);
    let mut out = match shape % 9 {
        0 => name.to_owned(),
        1 if n > 2 => {
            let mut s = segments.clone();
            s[k.min(n - 2)] = "*";
            s.join("/")
        }
        2 => format!("{}/*", segments[..k].join("/")),
        3 => format!("*/{}", segments[k..].join("/")),
        4 => {
            let cut = (seed as usize / 7) % name.len();
            format!("{}*{}", &name[..cut], &name[(cut + 3).min(name.len())..])
        }
        5 if n > 3 => {
            let mut s = segments.clone();
            s[1] = "*";
            s[n - 2] = "*";
            s.join("/")
        }
        6 => [
            "*",
            "*/read",
            "Microsoft.Compute/*",
            "Microsoft.Compute/*/write",
            "*/action",
        ][seed as usize % 5]
            .to_owned(),
        7 => format!("{}/*/{}", segments[0], segments[n - 1]),
        // Many `*`, in runs and between slashes (the matcher must not backtrack over them),
        // the provider kept so that comparisons stay exact.
        _ => segments
            .iter()
            .enumerate()
            .map(|(i, segment)| match (i, (seed as usize >> i) % 4) {
                (0, _) | (_, 3) => (*segment).to_owned(),
                (_, 0) => "*".to_owned(),
                (_, 1) => "**".to_owned(),
                _ => format!("*{}*", &segment[segment.len() / 2..]),
            })
            .collect::<Vec<_>>()
            .join("/"),
    };
    if seed.is_multiple_of(3) {
        out = out.to_ascii_uppercase();
    }
    out
}

fn pattern() -> impl Strategy<Value = String> + Clone {
    (any::<usize>(), any::<u8>(), any::<u64>()).prop_map(|(i, s, seed)| derive(i, s, seed))
}

/// Patterns confined to the catalog's providers (exact comparisons).
fn inside_pattern() -> impl Strategy<Value = String> + Clone {
    pattern().prop_filter("inside the catalog", |p| {
        Pattern::new(p)
            .provider()
            .is_some_and(|pr| Catalog::azure().covers_provider(pr))
    })
}

fn role(patterns: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = Permissions> {
    (
        prop::collection::vec(patterns.clone(), 0..4),
        prop::collection::vec(patterns, 0..3),
    )
        .prop_map(|(actions, not_actions)| Permissions {
            actions,
            not_actions,
            ..Permissions::default()
        })
}

fn compile(p: &Permissions) -> PermissionSet<'static> {
    PermissionSet::new(Catalog::azure(), p)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn evaluator_agrees_with_the_reference(p in pattern()) {
        let compiled = Pattern::new(&p);
        for op in Catalog::azure().operations() {
            prop_assert_eq!(compiled.matches(op.name()), reference_matches(&p, op.name()), "{} vs {}", p, op.name());
        }
        prop_assert_eq!(
            Catalog::azure().matching(&compiled).count(),
            Catalog::azure().operations().iter().filter(|op| reference_matches(&p, op.name())).count()
        );
    }

    #[test]
    fn subset_is_reflexive(a in role(pattern())) {
        let a = compile(&a);
        prop_assert!(is_subset(&a, &a));
        prop_assert!(difference(&a, &a).is_empty());
    }

    #[test]
    fn subset_is_transitive(a in role(inside_pattern()), b in role(inside_pattern()), c in role(inside_pattern())) {
        let (sa, sb, sc) = (compile(&a), compile(&b), compile(&c));
        if is_subset(&sa, &sb) && is_subset(&sb, &sc) {
            prop_assert!(is_subset(&sa, &sc));
        }
        // Chains built by union are always subsets.
        let ab = PermissionSet::union(Catalog::azure(), [&a, &b]);
        let abc = PermissionSet::union(Catalog::azure(), [&a, &b, &c]);
        prop_assert!(is_subset(&sa, &ab) && is_subset(&ab, &abc) && is_subset(&sa, &abc));
    }

    #[test]
    fn difference_is_empty_exactly_when_subset(a in role(pattern()), b in role(pattern())) {
        let (sa, sb) = (compile(&a), compile(&b));
        prop_assert_eq!(difference(&sa, &sb).is_empty(), is_subset(&sa, &sb));
        let d = difference(&sa, &sb);
        for op in &d.operations {
            prop_assert!(sa.grants(op.name()) && !sb.grants(op.name()));
        }
    }

    #[test]
    fn difference_is_exact_over_the_catalog(a in role(inside_pattern()), b in role(inside_pattern())) {
        let (sa, sb) = (compile(&a), compile(&b));
        let d = difference(&sa, &sb);
        prop_assert!(d.is_exact());
        let expected: Vec<&str> = Catalog::azure().operations().iter()
            .filter(|op| sa.grants(op.name()) && !sb.grants(op.name()))
            .map(|op| op.name()).collect();
        let got: Vec<&str> = d.operations.iter().map(|op| op.name()).collect();
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn a_not_action_never_grants_more(a in role(pattern()), extra in pattern()) {
        let narrowed = a.clone().with_not_actions([extra]);
        let (sa, sn) = (compile(&a), compile(&narrowed));
        prop_assert!(is_subset(&sn, &sa));
        for op in Catalog::azure().operations() {
            prop_assert!(!sn.grants(op.name()) || sa.grants(op.name()));
        }
        prop_assert!(!sn.allows("Microsoft.Compute/virtualMachines/write").is_granted()
            || sa.allows("Microsoft.Compute/virtualMachines/write").is_granted());
    }
}
