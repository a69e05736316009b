use super::rules::{self, ALL};
use super::{Namer, compute_name, hash};

#[test]
fn names_fit_and_hash_when_cut() {
    let namer = Namer::new(Some("cont"), "tenant");
    let rule = rules::WORKSPACE;
    assert_eq!(namer.name(&rule, &["churn", "dev"]), "mlw-cont-churn-dev");
    let long = namer.name(&rule, &["a-very-long-project-name-indeed", "dev"]);
    assert_eq!(long.len(), 33, "{long}");
    assert_ne!(
        long,
        namer.name(&rule, &["a-very-long-project-name-indeed", "test"])
    );
}

#[test]
fn compute_names_never_end_in_hyphen_digits() {
    assert_eq!(compute_name("pl-train-2"), "pl-trainx2");
    assert_eq!(compute_name("cl-ds3-v2"), "cl-ds3-v2");
    assert_eq!(compute_name("cl-m128"), "cl-m128");
    assert!(hash(&["x"], 5).chars().all(|c| c.is_ascii_lowercase()));
    let namer = Namer::new(None, "tenant");
    assert_eq!(
        namer.name(&rules::PIPELINE_CLUSTER, &["scoring-2"]),
        "pl-scoringx2"
    );
}

#[test]
fn global_names_carry_a_tenant_hash() {
    let a = Namer::new(Some("cont"), "tenant-a");
    let b = Namer::new(Some("cont"), "tenant-b");
    let name = a.name(&rules::STORAGE, &["churn", "dev"]);
    assert!(name.starts_with("stcontchurndev"), "{name}");
    assert_eq!(name.len(), "stcontchurndev".len() + super::HASH_LEN);
    assert_ne!(name, b.name(&rules::STORAGE, &["churn", "dev"]));
    // Storage drops hyphens, the hash keeps `a-bc` and `ab-c` apart.
    assert_ne!(
        a.name(&rules::STORAGE, &["a-bc", "dev"]),
        a.name(&rules::STORAGE, &["ab-c", "dev"])
    );
}

#[test]
fn long_names_of_every_kind_are_valid() {
    let namer = Namer::new(Some("a-long-estate-prefix"), "tenant");
    let long = "a-very-long-project-name-for-fraud-01";
    for rule in ALL {
        let name = namer.name(&rule, &[long, "production-2"]);
        assert!(rule.check(&name).is_ok(), "{}: {name}", rule.what);
        let short = namer.name(&rule, &["x", "y"]);
        assert!(rule.check(&short).is_ok(), "{}: {short}", rule.what);
    }
}

#[test]
fn rules_of_each_kind() {
    assert!(rules::STORAGE.check("ab").is_err());
    assert!(rules::STORAGE.check("st-x-dev").is_err());
    assert!(rules::CLUSTER.check("scoring-2").is_err());
    assert!(rules::CLUSTER.check("2scoring").is_err());
    assert!(rules::CLUSTER.check("cl").is_err());
    assert!(rules::KEY_VAULT.check("kv--x").is_err());
    assert!(rules::CONTAINER_REGISTRY.check("crab").is_err());
    assert!(rules::WORKSPACE.check("mlw-ok-1").is_ok());
    assert!(rules::WORKSPACE.check("mlw-ok-").is_err());
}

/// The namer as first written (join, clean, cut, format), kept as the reference the
/// allocation-saving [`Namer`] must agree with.
mod reference {
    use super::super::hash;
    use super::super::rules::{Charset, Rule};

    pub fn name(
        prefix: Option<&str>,
        tenant: &str,
        rule: &Rule,
        parts: &[&str],
        key: &[&str],
    ) -> String {
        let mut words: Vec<&str> = vec![rule.prefix];
        if let Some(prefix) = prefix.filter(|_| rule.estate_prefix) {
            words.push(prefix);
        }
        words.extend(parts.iter().copied().filter(|p| !p.is_empty()));
        let separator = match rule.charset {
            Charset::Compact => "",
            Charset::Hyphenated => "-",
        };
        let full = clean(&words.join(separator), rule.charset);
        let name = if rule.global || full.len() > rule.max {
            let mut hashed = vec![tenant, rule.prefix];
            hashed.extend(words.iter().skip(1));
            hashed.push("\u{1e}");
            hashed.extend(key);
            let suffix = hash(&hashed, rule.hash_len);
            let room = rule.max.saturating_sub(rule.hash_len + separator.len());
            let mut head: String = full.chars().take(room).collect();
            while head.ends_with('-') {
                head.pop();
            }
            format!("{head}{separator}{suffix}")
        } else {
            full
        };
        if rule.dash_digits_end {
            return name;
        }
        let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit());
        match trimmed.strip_suffix('-') {
            Some(head) if trimmed.len() < name.len() => {
                format!("{head}x{}", &name[trimmed.len()..])
            }
            _ => name.clone(),
        }
    }

    fn clean(name: &str, charset: Charset) -> String {
        let mut out = String::new();
        for c in name.chars() {
            let c = c.to_ascii_lowercase();
            match (charset, c) {
                (_, 'a'..='z' | '0'..='9') => out.push(c),
                (Charset::Hyphenated, _) if !out.is_empty() && !out.ends_with('-') => {
                    out.push('-');
                }
                _ => {}
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out
    }
}

proptest::proptest! {
    #[test]
    fn namer_agrees_with_the_reference(
        prefix in proptest::option::of("[a-zA-Z0-9_ -]{0,12}"),
        tenant in "[a-f0-9-]{0,36}",
        parts in proptest::collection::vec("([a-zA-Z0-9_. -]|é){0,40}", 0..4),
        key in proptest::collection::vec("[a-z0-9-]{0,12}", 0..3),
        rule in proptest::sample::select(ALL.to_vec()),
    ) {
        let namer = Namer::new(prefix.as_deref(), &tenant);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        let key: Vec<&str> = key.iter().map(String::as_str).collect();
        proptest::prop_assert_eq!(
            namer.name_keyed(&rule, &parts, &key),
            reference::name(prefix.as_deref(), &tenant, &rule, &parts, &key)
        );
    }
}
