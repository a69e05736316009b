//! A set of catalog positions as a bit set.

/// A set of positions in one catalog.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct OpSet {
    words: Vec<u64>,
}

impl OpSet {
    /// An empty set sized for a catalog of `len` operations.
    pub(crate) fn with_len(len: usize) -> Self {
        Self {
            words: vec![0; len.div_ceil(64)],
        }
    }

    pub(crate) fn insert(&mut self, i: usize) {
        if let Some(word) = self.words.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }

    pub(crate) fn remove(&mut self, i: usize) {
        if let Some(word) = self.words.get_mut(i / 64) {
            *word &= !(1 << (i % 64));
        }
    }

    pub(crate) fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|word| word & (1 << (i % 64)) != 0)
    }

    pub(crate) fn union_with(&mut self, other: &OpSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// True when every member of `self` is in `other`.
    pub(crate) fn is_subset(&self, other: &OpSet) -> bool {
        self.words.iter().enumerate().all(|(i, a)| {
            let b = other.words.get(i).copied().unwrap_or(0);
            a & !b == 0
        })
    }

    /// The members of `self` that are not in `other`, ascending.
    pub(crate) fn difference<'a>(&'a self, other: &'a OpSet) -> impl Iterator<Item = usize> + 'a {
        self.iter().filter(move |&i| !other.contains(i))
    }

    /// The members, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| w * 64 + bit)
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}
