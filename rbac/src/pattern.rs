//! One permission pattern (an action string that may hold `*`) and how it matches.

/// A compiled action pattern such as `Microsoft.MachineLearningServices/workspaces/*/read`.
///
/// Matching is ASCII case-insensitive; `*` matches any run of characters, `/` included, and
/// a `*` standing alone between two `/` may also match nothing at all together with one of
/// them (`workspaces/*/write` matches `workspaces/write`). Any string is a pattern; whether it
/// is a *valid* one is the content checks' business.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    folded: String,
    tokens: Vec<Token>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// Literal text, ASCII lower-cased.
    Lit(Vec<u8>),
    /// A `*`; `collapsible` when it stands alone between two `/`.
    Star { collapsible: bool },
}

/// A language over-approximation or under-approximation used to reason beyond the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Exactly this (folded) string.
    Lit(String),
    /// Every string that starts with `prefix`, ends with `suffix` and is at least as long as both.
    Affix { prefix: String, suffix: String },
}

impl Pattern {
    /// Compiles `text`.
    pub fn new(text: &str) -> Self {
        let folded = text.to_ascii_lowercase();
        let mut tokens = Vec::new();
        let mut rest = folded.as_str();
        while let Some(pos) = rest.find('*') {
            let (head, tail) = rest.split_at(pos);
            if !head.is_empty() {
                tokens.push(Token::Lit(head.as_bytes().to_vec()));
            }
            let after = tail.get(1..).unwrap_or_default();
            let collapsible = head.ends_with('/') && after.starts_with('/');
            tokens.push(Token::Star { collapsible });
            rest = after;
        }
        if !rest.is_empty() {
            tokens.push(Token::Lit(rest.as_bytes().to_vec()));
        }
        Self {
            text: text.to_owned(),
            folded,
            tokens,
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The pattern ASCII lower-cased.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// How many `*` the pattern holds.
    pub fn wildcards(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| matches!(t, Token::Star { .. }))
            .count()
    }

    /// True when the pattern holds no `*`.
    pub fn is_literal(&self) -> bool {
        self.wildcards() == 0
    }

    /// The folded text before the first `*` (the whole pattern when it has none).
    pub fn literal_prefix(&self) -> &str {
        match self.folded.find('*') {
            Some(pos) => self.folded.get(..pos).unwrap_or_default(),
            None => &self.folded,
        }
    }

    /// The provider namespace the pattern is confined to, when its first segment is literal.
    pub fn provider(&self) -> Option<&str> {
        let prefix = self.literal_prefix();
        prefix.find('/').and_then(|pos| prefix.get(..pos))
    }

    /// True when the pattern matches the operation name `op`.
    pub fn matches(&self, op: &str) -> bool {
        match_tokens(&self.tokens, op.as_bytes())
    }

    /// Matches an operation already known to start with [`Pattern::literal_prefix`]; `rest`
    /// is the operation after that prefix.
    pub(crate) fn matches_after_prefix(&self, rest: &str) -> bool {
        match self.tokens.split_first() {
            Some((Token::Lit(_), tokens)) => match_tokens(tokens, rest.as_bytes()),
            _ => match_tokens(&self.tokens, rest.as_bytes()),
        }
    }

    /// Shapes whose union contains every string the pattern matches.
    pub(crate) fn over(&self) -> Vec<Shape> {
        match self.tokens.as_slice() {
            [] => vec![Shape::Lit(String::new())],
            _ if self.wildcards() <= 1 => self.exact_shapes(),
            tokens => {
                let prefix = match tokens.first() {
                    Some(Token::Lit(l)) => bytes_to_string(l),
                    _ => String::new(),
                };
                let suffix = match tokens.split_last() {
                    Some((Token::Lit(l), before)) => {
                        let collapsible =
                            matches!(before.last(), Some(Token::Star { collapsible: true }));
                        let l = bytes_to_string(l);
                        if collapsible {
                            l.get(1..).unwrap_or_default().to_owned()
                        } else {
                            l
                        }
                    }
                    _ => String::new(),
                };
                vec![Shape::Affix { prefix, suffix }]
            }
        }
    }

    /// Shapes whose union is contained in the strings the pattern matches.
    pub(crate) fn under(&self) -> Vec<Shape> {
        if self.wildcards() <= 1 {
            self.exact_shapes()
        } else {
            Vec::new()
        }
    }

    /// The exact language of a pattern with at most one `*`.
    fn exact_shapes(&self) -> Vec<Shape> {
        let Some(pos) = self.folded.find('*') else {
            return vec![Shape::Lit(self.folded.clone())];
        };
        let prefix = self.folded.get(..pos).unwrap_or_default();
        let suffix = self.folded.get(pos + 1..).unwrap_or_default();
        let mut shapes = vec![Shape::Affix {
            prefix: prefix.to_owned(),
            suffix: suffix.to_owned(),
        }];
        if prefix.ends_with('/') && suffix.starts_with('/') {
            let mut collapsed = prefix.to_owned();
            collapsed.push_str(suffix.get(1..).unwrap_or_default());
            shapes.push(Shape::Lit(collapsed));
        }
        shapes
    }
}

fn bytes_to_string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Matches `s` against `tokens`.
///
/// The tokens are read as an automaton over the byte positions of `s`, one token at a time:
/// `reach[p]` holds when the tokens read so far can match exactly `s[..p]`, `trimmed[p]` when
/// they can do so through a collapsible `*` read as nothing, whose `/` the next literal then
/// starts with and must not read again. The time is bounded by the length of `s` times the
/// length of the pattern, whatever the number of `*`: backtracking over every place each `*`
/// could end would be exponential in their number.
fn match_tokens(tokens: &[Token], s: &[u8]) -> bool {
    if let [Token::Lit(lit)] = tokens {
        return s.eq_ignore_ascii_case(lit);
    }
    // Almost every real pattern has at most one `*`: backtracking over it is linear and needs
    // no allocation, several times faster than the automaton.
    if tokens
        .iter()
        .filter(|t| matches!(t, Token::Star { .. }))
        .count()
        <= 1
    {
        return match_one_star(tokens, 0, s);
    }
    let size = s.len() + 1;
    let mut reach = vec![false; size];
    let mut trimmed = vec![false; size];
    let mut next_reach = vec![false; size];
    let mut next_trimmed = vec![false; size];
    if let Some(start) = reach.first_mut() {
        *start = true;
    }
    for token in tokens {
        next_reach.fill(false);
        next_trimmed.fill(false);
        match token {
            Token::Lit(lit) => {
                let rest = lit.get(1..).unwrap_or_default();
                for (p, (&plain, &cut)) in reach.iter().zip(&trimmed).enumerate() {
                    for (ready, lit) in [(plain, lit.as_slice()), (cut, rest)] {
                        let end = p.saturating_add(lit.len());
                        if ready
                            && s.get(p..end)
                                .is_some_and(|head| head.eq_ignore_ascii_case(lit))
                            && let Some(slot) = next_reach.get_mut(end)
                        {
                            *slot = true;
                        }
                    }
                }
            }
            Token::Star { collapsible } => {
                // A `*` matches any run from the first position reached on.
                let mut open = false;
                let states = reach.iter().zip(&trimmed);
                let slots = next_reach.iter_mut().zip(next_trimmed.iter_mut());
                for ((&plain, &cut), (slot, trimmed_slot)) in states.zip(slots) {
                    let ready = plain || cut;
                    open |= ready;
                    *slot = open;
                    *trimmed_slot = *collapsible && ready;
                }
            }
        }
        std::mem::swap(&mut reach, &mut next_reach);
        std::mem::swap(&mut trimmed, &mut next_trimmed);
        if !reach.iter().chain(&trimmed).any(|&state| state) {
            return false;
        }
    }
    reach.last().is_some_and(|&state| state) || trimmed.last().is_some_and(|&state| state)
}

/// Matches `s` against `tokens`, which hold at most one `*`, skipping the first `skip` bytes
/// of a leading literal (the `/` a collapsed `/*/` already read).
fn match_one_star(tokens: &[Token], skip: usize, s: &[u8]) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return s.is_empty();
    };
    match first {
        Token::Lit(lit) => {
            let lit = lit.get(skip..).unwrap_or_default();
            match (s.get(..lit.len()), s.get(lit.len()..)) {
                (Some(head), Some(tail)) if head.eq_ignore_ascii_case(lit) => {
                    match_one_star(rest, 0, tail)
                }
                _ => false,
            }
        }
        Token::Star { collapsible } => {
            if *collapsible && match_one_star(rest, 1, s) {
                return true;
            }
            // Only literals follow: the star takes everything but their length.
            let tail: usize = rest
                .iter()
                .map(|t| match t {
                    Token::Lit(lit) => lit.len(),
                    Token::Star { .. } => 0,
                })
                .sum();
            s.len() >= tail
                && s.get(s.len() - tail..)
                    .is_some_and(|end| match_one_star(rest, 0, end))
        }
    }
}

impl Shape {
    /// True when the shape contains the folded string `s`.
    pub(crate) fn contains(&self, s: &str) -> bool {
        match self {
            Shape::Lit(l) => l == s,
            Shape::Affix { prefix, suffix } => {
                s.len() >= prefix.len() + suffix.len()
                    && s.starts_with(prefix.as_str())
                    && s.ends_with(suffix.as_str())
            }
        }
    }

    /// True when every string of `self` is in `other`.
    pub(crate) fn is_subset_of(&self, other: &Shape) -> bool {
        match (self, other) {
            (Shape::Lit(l), _) => other.contains(l),
            (Shape::Affix { .. }, Shape::Lit(_)) => false,
            (
                Shape::Affix {
                    prefix: p1,
                    suffix: s1,
                },
                Shape::Affix {
                    prefix: p2,
                    suffix: s2,
                },
            ) => p1.starts_with(p2.as_str()) && s1.ends_with(s2.as_str()),
        }
    }

    /// True when some string is in both shapes.
    pub(crate) fn intersects(&self, other: &Shape) -> bool {
        match (self, other) {
            (Shape::Lit(l), _) => other.contains(l),
            (_, Shape::Lit(l)) => self.contains(l),
            (
                Shape::Affix {
                    prefix: p1,
                    suffix: s1,
                },
                Shape::Affix {
                    prefix: p2,
                    suffix: s2,
                },
            ) => {
                (p1.starts_with(p2.as_str()) || p2.starts_with(p1.as_str()))
                    && (s1.ends_with(s2.as_str()) || s2.ends_with(s1.as_str()))
            }
        }
    }

    /// True when the shape may contain a string whose provider is not one `known` accepts.
    pub(crate) fn reaches_outside(&self, known: impl Fn(&str) -> bool) -> bool {
        let text = match self {
            Shape::Lit(l) => l.as_str(),
            Shape::Affix { prefix, .. } => prefix.as_str(),
        };
        match text.find('/').and_then(|pos| text.get(..pos)) {
            Some(provider) => !known(provider),
            None => match self {
                // A literal without `/` names no provider of the catalog.
                Shape::Lit(l) => !known(l),
                Shape::Affix { .. } => true,
            },
        }
    }
}
