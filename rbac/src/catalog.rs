//! The operation catalog: every provider operation mlzone knows, with its kind.

use std::sync::LazyLock;

use super::pattern::Pattern;

/// Whether an operation is a control-plane action or a data-plane action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OperationKind {
    /// A control-plane operation: granted through `actions`.
    Action,
    /// A data-plane operation: granted through `dataActions`.
    DataAction,
}

/// One provider operation, e.g. `Microsoft.MachineLearningServices/workspaces/computes/write`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    name: String,
    folded: String,
    kind: OperationKind,
}

impl Operation {
    /// The operation name as the provider spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name ASCII lower-cased (the catalog's sort key).
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The operation's kind.
    pub fn kind(&self) -> OperationKind {
        self.kind
    }

    /// True for a data-plane operation.
    pub fn is_data_action(&self) -> bool {
        self.kind == OperationKind::DataAction
    }

    /// The provider namespace, e.g. `Microsoft.Authorization`.
    pub fn provider(&self) -> &str {
        self.name.split('/').next().unwrap_or_default()
    }
}

/// An error in operation list text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// A line has no `kind` column.
    #[error("line {line}: expected `operation<TAB>kind`")]
    MissingKind {
        /// The 1-based line number.
        line: usize,
    },
    /// The kind column is neither `action` nor `dataAction`.
    #[error("line {line}: unknown operation kind `{kind}`")]
    UnknownKind {
        /// The 1-based line number.
        line: usize,
        /// The text found.
        kind: String,
    },
    /// An operation name without a provider namespace, or with a `*`.
    #[error("line {line}: `{name}` is not an operation name")]
    BadName {
        /// The 1-based line number.
        line: usize,
        /// The text found.
        name: String,
    },
}

/// The sorted, case-folded set of known operations.
///
/// The catalog is the universe the evaluator is exact over: for a provider it holds, every
/// operation of that provider is assumed to be listed; operations of other providers are
/// unknown, and answers about them are conservative.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    ops: Vec<Operation>,
    providers: Vec<String>,
    /// (case-folded hash of the name, position), sorted: the fast path of `index_of`.
    hashes: Vec<(u64, usize)>,
}

const AUTHORIZATION_TSV: &str = include_str!("../data/operations-microsoft.authorization.tsv");
const MACHINE_LEARNING_TSV: &str =
    include_str!("../data/operations-microsoft.machinelearningservices.tsv");

static AZURE: LazyLock<Catalog> = LazyLock::new(|| {
    let mut catalog = Catalog::new();
    for text in [AUTHORIZATION_TSV, MACHINE_LEARNING_TSV] {
        // The embedded lists are checked by a unit test; a bad line cannot reach a release.
        if catalog.extend_from_tsv(text).is_err() {
            return Catalog::new();
        }
    }
    catalog
});

impl Catalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// The embedded catalog: `Microsoft.Authorization` and `Microsoft.MachineLearningServices`.
    ///
    /// Built on first use (a few hundred lines, well under a millisecond).
    pub fn azure() -> &'static Catalog {
        &AZURE
    }

    /// Parses an operation list: one `operation<TAB>kind[<TAB>…]` per line, an optional
    /// `operation` header line, kinds `action` or `dataAction`.
    pub fn from_tsv(text: &str) -> Result<Self, CatalogError> {
        let mut catalog = Self::new();
        catalog.extend_from_tsv(text)?;
        Ok(catalog)
    }

    /// Adds the operations of another list (see [`Catalog::from_tsv`]); nothing is added on error.
    pub fn extend_from_tsv(&mut self, text: &str) -> Result<(), CatalogError> {
        let mut parsed = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_no = index + 1;
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || (index == 0 && line.starts_with("operation\t")) {
                continue;
            }
            let mut columns = line.split('\t');
            let name = columns.next().unwrap_or_default().trim();
            let kind = columns
                .next()
                .ok_or(CatalogError::MissingKind { line: line_no })?
                .trim();
            let kind = parse_kind(kind).ok_or_else(|| CatalogError::UnknownKind {
                line: line_no,
                kind: kind.to_owned(),
            })?;
            if !is_operation_name(name) {
                return Err(CatalogError::BadName {
                    line: line_no,
                    name: name.to_owned(),
                });
            }
            parsed.push((name, kind));
        }
        for (name, kind) in parsed {
            self.push(name, kind);
        }
        self.normalise();
        Ok(())
    }

    /// Adds one operation; returns false when the name (case-insensitively) was already there.
    pub fn insert(&mut self, name: &str, kind: OperationKind) -> bool {
        if self.get(name).is_some() {
            return false;
        }
        self.push(name, kind);
        self.normalise();
        true
    }

    fn push(&mut self, name: &str, kind: OperationKind) {
        self.ops.push(Operation {
            name: name.to_owned(),
            folded: name.to_ascii_lowercase(),
            kind,
        });
    }

    fn normalise(&mut self) {
        self.ops.sort_by(|a, b| a.folded.cmp(&b.folded));
        self.ops.dedup_by(|a, b| a.folded == b.folded);
        let mut providers: Vec<String> = self
            .ops
            .iter()
            .map(|op| op.provider().to_ascii_lowercase())
            .collect();
        providers.dedup();
        self.providers = providers;
        let mut hashes: Vec<(u64, usize)> = self
            .ops
            .iter()
            .enumerate()
            .map(|(i, op)| (fold_hash(&op.folded), i))
            .collect();
        hashes.sort_unstable();
        self.hashes = hashes;
    }

    /// How many operations the catalog holds.
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// True when the catalog holds no operation.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// Every operation, sorted by folded name.
    pub fn operations(&self) -> &[Operation] {
        &self.ops
    }

    /// The operation named `name`, case-insensitively.
    pub fn get(&self, name: &str) -> Option<&Operation> {
        self.index_of(name).and_then(|i| self.ops.get(i))
    }

    /// The position of `name` in [`Catalog::operations`], case-insensitively.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        let hash = fold_hash(name);
        let start = self.hashes.partition_point(|(h, _)| *h < hash);
        self.hashes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|(h, _)| *h == hash)
            .map(|(_, i)| *i)
            .find(|&i| {
                self.ops
                    .get(i)
                    .is_some_and(|op| op.folded.eq_ignore_ascii_case(name))
            })
    }

    /// The provider namespaces the catalog covers, lower-cased and sorted.
    pub fn providers(&self) -> &[String] {
        &self.providers
    }

    /// True when the catalog covers the provider namespace `provider` (case-insensitively).
    pub fn covers_provider(&self, provider: &str) -> bool {
        self.providers
            .binary_search_by(|p| cmp_folded(p, provider))
            .is_ok()
    }

    /// The operations `pattern` matches, with their positions, in catalog order.
    pub fn matching<'a>(
        &'a self,
        pattern: &'a Pattern,
    ) -> impl Iterator<Item = (usize, &'a Operation)> + 'a {
        let prefix = pattern.literal_prefix();
        let start = self.ops.partition_point(|op| op.folded.as_str() < prefix);
        let ops = self.ops.get(start..).unwrap_or_default();
        ops.iter()
            .enumerate()
            .take_while(move |(_, op)| op.folded.starts_with(prefix))
            .filter(move |(_, op)| {
                pattern.matches_after_prefix(op.folded.get(prefix.len()..).unwrap_or_default())
            })
            .map(move |(i, op)| (start + i, op))
    }
}

/// FNV-1a over the ASCII lower-cased bytes of `name`.
fn fold_hash(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Compares a folded catalog string with an arbitrary-case name, ASCII case-insensitively.
fn cmp_folded(folded: &str, name: &str) -> std::cmp::Ordering {
    folded
        .bytes()
        .cmp(name.bytes().map(|b| b.to_ascii_lowercase()))
}

fn parse_kind(kind: &str) -> Option<OperationKind> {
    if kind.eq_ignore_ascii_case("action") {
        Some(OperationKind::Action)
    } else if kind.eq_ignore_ascii_case("dataAction") {
        Some(OperationKind::DataAction)
    } else {
        None
    }
}

fn is_operation_name(name: &str) -> bool {
    !name.contains('*')
        && !name.contains(char::is_whitespace)
        && name
            .split_once('/')
            .is_some_and(|(provider, rest)| provider.contains('.') && !rest.is_empty())
}
