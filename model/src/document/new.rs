//! Constructors of the document types that have required fields, for documents built in
//! code: each takes the required fields and leaves every optional one unset (its default
//! applies when the document is resolved). The types without required fields implement
//! `Default`.

use super::{
    ApprovalDoc, ClusterDoc, DataScientistDoc, EnvironmentDoc, OutboundRuleDoc, OutboundRuleKind,
    PipelineDoc, PostureDoc, RoleDoc, RuleDoc, TestingDoc,
};
use crate::newtypes::{Guid, Slug, VmSize};
use crate::vocabulary::{RuleLevel, Stage, TestStrategy};

impl EnvironmentDoc {
    /// An environment with its name and stage; promotion, approval, testing and inference
    /// come from the stage's defaults.
    pub fn new(name: Slug, stage: Stage) -> Self {
        Self {
            name,
            stage,
            subscription: None,
            location: None,
            promotes_from: Vec::new(),
            approval: None,
            without_approval: false,
            testing: None,
            inference: Vec::new(),
            without_testing: false,
            without_inference: false,
            posture: PostureDoc::default(),
            landing_zone: super::EnvironmentLandingZoneDoc::default(),
        }
    }
}

impl ApprovalDoc {
    /// An approval gate held by a persona's group.
    pub fn new(persona: Slug) -> Self {
        Self { persona }
    }
}

impl TestingDoc {
    /// A testing strategy without extra checks.
    pub fn new(strategy: TestStrategy) -> Self {
        Self {
            strategy,
            checks: Vec::new(),
            mirror_percent: None,
            traffic: None,
            load: None,
            failure_criteria: None,
        }
    }
}

impl RuleDoc {
    /// A rule's level and why the default does not fit.
    pub fn new(level: RuleLevel, reason: impl Into<String>) -> Self {
        Self {
            level,
            reason: reason.into(),
        }
    }
}

impl RoleDoc {
    /// A custom role with its key and description and no permissions yet.
    pub fn new(name: Slug, description: impl Into<String>) -> Self {
        Self {
            name,
            display_name: None,
            description: description.into(),
            extends: Vec::new(),
            actions: Vec::new(),
            not_actions: Vec::new(),
            data_actions: Vec::new(),
            not_data_actions: Vec::new(),
        }
    }
}

impl DataScientistDoc {
    /// A data scientist with their Entra object id and the default instance size.
    pub fn new(name: Slug, object_id: Guid) -> Self {
        Self {
            name,
            object_id,
            vm_size: None,
        }
    }
}

impl ClusterDoc {
    /// A cluster of a VM size with the default scaling.
    pub fn new(vm_size: VmSize) -> Self {
        Self {
            vm_size,
            min_nodes: None,
            max_nodes: None,
            idle_seconds_before_scale_down: None,
        }
    }
}

impl PipelineDoc {
    /// A pipeline cluster with its name and VM size and the default scaling.
    pub fn new(name: Slug, vm_size: VmSize) -> Self {
        Self {
            name,
            vm_size,
            min_nodes: None,
            max_nodes: None,
            idle_seconds_before_scale_down: None,
        }
    }
}

impl OutboundRuleDoc {
    /// An outbound rule of a managed network.
    pub fn new(name: Slug, kind: OutboundRuleKind, destination: impl Into<String>) -> Self {
        Self {
            name,
            kind,
            destination: destination.into(),
        }
    }
}
