//! Compiled permission blocks and the `allows` question.

use super::catalog::{Catalog, Operation, OperationKind};
use super::opset::OpSet;
use super::pattern::Pattern;
use super::{PermissionList, Permissions};

/// The two planes of Azure RBAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Plane {
    /// Control-plane operations: `actions` / `notActions`.
    Control,
    /// Data-plane operations: `dataActions` / `notDataActions`.
    Data,
}

impl Plane {
    /// The granting list of this plane.
    pub fn grants(self) -> PermissionList {
        match self {
            Plane::Control => PermissionList::Actions,
            Plane::Data => PermissionList::DataActions,
        }
    }

    /// The subtracting list of this plane.
    pub fn removes(self) -> PermissionList {
        match self {
            Plane::Control => PermissionList::NotActions,
            Plane::Data => PermissionList::NotDataActions,
        }
    }

    fn kind(self) -> OperationKind {
        match self {
            Plane::Control => OperationKind::Action,
            Plane::Data => OperationKind::DataAction,
        }
    }
}

/// One pattern of a [`PermissionSet`] that matched an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'a> {
    /// Which block of the set (in the order the blocks were added).
    pub block: usize,
    /// Which list of that block.
    pub list: PermissionList,
    /// The position in that list.
    pub index: usize,
    /// The pattern as written.
    pub pattern: &'a str,
}

/// The answer to "does this set allow that operation", with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision<'a> {
    /// A block grants the operation and does not subtract it.
    Granted {
        /// The granting pattern (the first of the first block that grants it).
        by: Match<'a>,
    },
    /// Blocks grant the operation, and every one of them subtracts it again.
    Removed {
        /// The granting pattern of the first such block.
        granted_by: Match<'a>,
        /// The pattern of that block that subtracts it.
        removed_by: Match<'a>,
    },
    /// No pattern grants the operation.
    NotGranted,
}

impl Decision<'_> {
    /// True for [`Decision::Granted`].
    pub fn is_granted(&self) -> bool {
        matches!(self, Decision::Granted { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) actions: Vec<Pattern>,
    pub(crate) not_actions: Vec<Pattern>,
    pub(crate) data_actions: Vec<Pattern>,
    pub(crate) not_data_actions: Vec<Pattern>,
}

impl Block {
    fn compile(permissions: &Permissions) -> Self {
        let compile = |list: &[String]| list.iter().map(|p| Pattern::new(p)).collect();
        Self {
            actions: compile(&permissions.actions),
            not_actions: compile(&permissions.not_actions),
            data_actions: compile(&permissions.data_actions),
            not_data_actions: compile(&permissions.not_data_actions),
        }
    }

    pub(crate) fn list(&self, list: PermissionList) -> &[Pattern] {
        match list {
            PermissionList::Actions => &self.actions,
            PermissionList::NotActions => &self.not_actions,
            PermissionList::DataActions => &self.data_actions,
            PermissionList::NotDataActions => &self.not_data_actions,
        }
    }

    fn first_match(&self, list: PermissionList, op: &str) -> Option<(usize, &Pattern)> {
        self.list(list)
            .iter()
            .enumerate()
            .find(|(_, p)| p.matches(op))
    }

    /// The catalog operations of `plane` this block grants, before and after subtraction.
    fn granted(&self, catalog: &Catalog, plane: Plane) -> BlockSets {
        let mut raw = OpSet::with_len(catalog.len());
        for pattern in self.list(plane.grants()) {
            for (i, op) in catalog.matching(pattern) {
                if op.kind() == plane.kind() {
                    raw.insert(i);
                }
            }
        }
        let mut effective = raw.clone();
        for pattern in self.list(plane.removes()) {
            for (i, _) in catalog.matching(pattern) {
                effective.remove(i);
            }
        }
        BlockSets { raw, effective }
    }
}

/// One or more compiled permission blocks over a [`Catalog`]: a role, or every role a
/// principal holds. The rights are the union of the blocks' rights.
#[derive(Clone, Debug)]
pub struct PermissionSet<'c> {
    catalog: &'c Catalog,
    blocks: Vec<Block>,
    /// Per block: catalog operations granted before and after subtraction, control plane.
    control_blocks: Vec<BlockSets>,
    /// Per block: the same for the data plane.
    data_blocks: Vec<BlockSets>,
    control: OpSet,
    data: OpSet,
}

/// The catalog operations one block's grants match, before and after its subtractions.
#[derive(Clone, Debug)]
struct BlockSets {
    raw: OpSet,
    effective: OpSet,
}

impl<'c> PermissionSet<'c> {
    /// An empty set: grants nothing.
    pub fn empty(catalog: &'c Catalog) -> Self {
        Self {
            catalog,
            blocks: Vec::new(),
            control_blocks: Vec::new(),
            data_blocks: Vec::new(),
            control: OpSet::with_len(catalog.len()),
            data: OpSet::with_len(catalog.len()),
        }
    }

    /// Compiles one block.
    pub fn new(catalog: &'c Catalog, permissions: &Permissions) -> Self {
        let mut set = Self::empty(catalog);
        set.add(permissions);
        set
    }

    /// Compiles the union of several blocks (e.g. all the role assignments of a principal).
    pub fn union<'p>(
        catalog: &'c Catalog,
        blocks: impl IntoIterator<Item = &'p Permissions>,
    ) -> Self {
        let mut set = Self::empty(catalog);
        for permissions in blocks {
            set.add(permissions);
        }
        set
    }

    /// Adds one more block to the union.
    pub fn add(&mut self, permissions: &Permissions) {
        self.push(Block::compile(permissions));
    }

    fn push(&mut self, block: Block) {
        let control = block.granted(self.catalog, Plane::Control);
        let data = block.granted(self.catalog, Plane::Data);
        self.control.union_with(&control.effective);
        self.data.union_with(&data.effective);
        self.control_blocks.push(control);
        self.data_blocks.push(data);
        self.blocks.push(block);
    }

    /// The union of `self` and `other`, over `self`'s catalog.
    #[must_use]
    pub fn union_with(&self, other: &PermissionSet<'_>) -> Self {
        let mut set = self.clone();
        for block in &other.blocks {
            set.push(block.clone());
        }
        set
    }

    /// The catalog the set was compiled against.
    pub fn catalog(&self) -> &'c Catalog {
        self.catalog
    }

    /// How many blocks the set holds.
    pub fn block_count(&self) -> usize {
        self.blocks.len()
    }

    pub(crate) fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    pub(crate) fn granted_set(&self, plane: Plane) -> &OpSet {
        match plane {
            Plane::Control => &self.control,
            Plane::Data => &self.data,
        }
    }

    /// Does the set allow `op`, and why.
    ///
    /// A data operation of the catalog is judged on the data plane; every other name, known
    /// or not, on the control plane.
    pub fn allows(&self, op: &str) -> Decision<'_> {
        match self.catalog.index_of(op) {
            Some(i) => {
                let data = self
                    .catalog
                    .operations()
                    .get(i)
                    .is_some_and(Operation::is_data_action);
                let plane = if data { Plane::Data } else { Plane::Control };
                self.allows_known(plane, i, op)
            }
            None => self.allows_in(Plane::Control, op),
        }
    }

    /// `allows` for the catalog operation at `index`, answered from the compiled sets.
    fn allows_known(&self, plane: Plane, index: usize, op: &str) -> Decision<'_> {
        let sets = match plane {
            Plane::Control => &self.control_blocks,
            Plane::Data => &self.data_blocks,
        };
        if !sets.iter().any(|s| s.raw.contains(index)) {
            return Decision::NotGranted;
        }
        let granting = sets.iter().position(|s| s.effective.contains(index));
        match (granting, self.blocks.get(granting.unwrap_or(usize::MAX))) {
            (Some(b), Some(block)) => match block.first_match(plane.grants(), op) {
                Some((index, pattern)) => Decision::Granted {
                    by: Match {
                        block: b,
                        list: plane.grants(),
                        index,
                        pattern: pattern.as_str(),
                    },
                },
                None => self.allows_slow(plane, op),
            },
            _ => self.allows_slow(plane, op),
        }
    }

    /// Does the set allow `op` on the given plane, and why.
    pub fn allows_in(&self, plane: Plane, op: &str) -> Decision<'_> {
        match self.catalog.index_of(op) {
            // A catalog operation of the other plane is never granted on this one.
            Some(i) => self.allows_known(plane, i, op),
            None => self.allows_slow(plane, op),
        }
    }

    /// `allows_in` by matching every pattern.
    fn allows_slow(&self, plane: Plane, op: &str) -> Decision<'_> {
        let mut removed = None;
        for (b, block) in self.blocks.iter().enumerate() {
            let Some((gi, granting)) = block.first_match(plane.grants(), op) else {
                continue;
            };
            let granted_by = Match {
                block: b,
                list: plane.grants(),
                index: gi,
                pattern: granting.as_str(),
            };
            match block.first_match(plane.removes(), op) {
                None => return Decision::Granted { by: granted_by },
                Some((ri, removing)) => {
                    removed.get_or_insert(Decision::Removed {
                        granted_by,
                        removed_by: Match {
                            block: b,
                            list: plane.removes(),
                            index: ri,
                            pattern: removing.as_str(),
                        },
                    });
                }
            }
        }
        removed.unwrap_or(Decision::NotGranted)
    }

    /// True when the set grants the catalog operation or name `op` (no explanation, faster).
    pub fn grants(&self, op: &str) -> bool {
        match self.catalog.index_of(op) {
            Some(i) => self.control.contains(i) || self.data.contains(i),
            None => self.allows_in(Plane::Control, op).is_granted(),
        }
    }

    /// The catalog operations the set grants, control then data, each in catalog order.
    pub fn granted_operations(&self) -> Vec<&'c Operation> {
        let ops = self.catalog.operations();
        self.control
            .iter()
            .chain(self.data.iter())
            .filter_map(|i| ops.get(i))
            .collect()
    }

    /// How many catalog operations the set grants.
    pub fn granted_count(&self) -> usize {
        self.control.len() + self.data.len()
    }
}
