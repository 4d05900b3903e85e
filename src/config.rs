//! Levels: which findings are reported, and which fail a run.
//!
//! Three sources, in increasing priority: each finding's default severity, a `charterc.toml` file, and the command
//! line. A level names a finding by code (`CH206`) or name (`minority-decides`), or all warnings at once
//! (`warnings`). Errors are contradictions: they cannot be allowed or turned into warnings.
//!
//! ```toml
//! # charterc.toml
//! [levels]
//! minority-decides = "allow"   # reported nowhere
//! CH303 = "deny"               # reported as an error
//! warnings = "deny"            # every warning fails the run
//! ```
//!
//! This module parses text; finding and reading the file is the CLI's job.

use std::collections::BTreeMap;

use crate::checks;
use crate::diagnostic::{Diagnostic, Lint, Severity};

/// What to do with a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Do not report it.
    Allow,
    /// Report it as a warning.
    Warn,
    /// Report it as an error, failing the run.
    Deny,
}

impl Level {
    fn parse(word: &str) -> Option<Level> {
        match word {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// The level of every finding, after configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    /// The level for every warning not named in `by_code`.
    warnings: Option<Level>,
    /// Levels by code.
    by_code: BTreeMap<&'static str, Level>,
}

/// A level that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelError(pub String);

impl std::fmt::Display for LevelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Levels {
    /// Sets the level of a finding (code or name) or of `warnings`; later settings override earlier ones.
    pub fn set(&mut self, target: &str, level: Level) -> Result<(), LevelError> {
        if target == "warnings" {
            self.warnings = Some(level);
            return Ok(());
        }
        let Some(lint) = checks::find(target) else {
            return Err(LevelError(format!(
                "no finding has the code or name `{target}`; `charterc explain` lists them all"
            )));
        };
        if lint.default_severity == Severity::Error && level != Level::Deny {
            return Err(LevelError(format!(
                "`{}` ({}) is an error: a contradiction cannot be allowed or made a warning",
                lint.code, lint.name
            )));
        }
        self.by_code.insert(lint.code, level);
        Ok(())
    }

    /// Applies `other` on top of `self` (command line over file).
    pub fn overridden_by(&self, other: &Levels) -> Levels {
        let mut res = self.clone();
        if other.warnings.is_some() {
            res.warnings = other.warnings;
            // A blanket level on the command line also overrides the file's per-code levels.
            res.by_code.clear();
        }
        res.by_code
            .extend(other.by_code.iter().map(|(code, level)| (*code, *level)));
        res
    }

    /// The level of a finding.
    pub fn level(&self, lint: &Lint) -> Level {
        if let Some(level) = self.by_code.get(lint.code) {
            return *level;
        }
        match lint.default_severity {
            Severity::Error => Level::Deny,
            Severity::Warning => self.warnings.unwrap_or(Level::Warn),
        }
    }

    /// Whether warnings fail the run (`warnings = "deny"`).
    pub fn deny_warnings(&self) -> bool {
        self.warnings == Some(Level::Deny)
    }

    /// Applies the levels: drops allowed findings, sets the severity of the others.
    ///
    /// A warning denied by name becomes an error; `warnings = "deny"` keeps warnings as warnings (they are
    /// still warnings) and makes them fail the run instead, see [`Levels::deny_warnings`].
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(
                |mut diagnostic| match self.by_code.get(diagnostic.lint.code).copied() {
                    Some(Level::Allow) => None,
                    Some(Level::Deny) => {
                        diagnostic.severity = Severity::Error;
                        Some(diagnostic)
                    }
                    Some(Level::Warn) => {
                        diagnostic.severity = Severity::Warning;
                        Some(diagnostic)
                    }
                    None if diagnostic.severity == Severity::Warning
                        && self.warnings == Some(Level::Allow) =>
                    {
                        None
                    }
                    None => Some(diagnostic),
                },
            )
            .collect()
    }

    /// Parses the `[levels]` table of a `charterc.toml`.
    pub fn from_toml(text: &str) -> Result<Levels, LevelError> {
        let table: toml::Table = toml::from_str(text)
            .map_err(|error| LevelError(format!("invalid charterc.toml: {error}")))?;
        let mut res = Levels::default();
        for (key, value) in &table {
            if key != "levels" {
                return Err(LevelError(format!(
                    "unknown section `{key}` in charterc.toml (expected `[levels]`)"
                )));
            }
            let Some(levels) = value.as_table() else {
                return Err(LevelError(
                    "`levels` in charterc.toml must be a table".to_owned(),
                ));
            };
            for (target, level) in levels {
                let level = level.as_str().and_then(Level::parse).ok_or_else(|| {
                    LevelError(format!(
                        "the level of `{target}` must be \"allow\", \"warn\" or \"deny\""
                    ))
                })?;
                res.set(target, level)?;
            }
        }
        Ok(res)
    }
}
