//! `charterc diff` and `charterc compare`: reading charters (from files, standard input or git revisions),
//! printing the comparison, and the exit status.
//!
//! A charter argument is a file, `-` (standard input), or `REV:path`, a file at a git revision read with
//! `git show REV:path` when no file of that name exists. `diff --git REV NEW` reads the old charter as NEW's
//! file at REV, from NEW's folder, so it works from any folder of the repository.

use std::path::Path;
use std::process::Command;

use clap::ValueEnum;
use rayon::prelude::*;

use charterc::compare::{self, NameMap, Prepared};
use charterc::report::{compare_json, compare_table, diff_text, human};
use charterc::source::SourceFile;

use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE_OR_IO, Output, read, use_color_stderr};

/// The width of terminal output.
const WIDTH: usize = 100;

/// How `diff` and `compare` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ReportFormat {
    /// Text for a terminal, at most 100 columns wide.
    Human,
    /// Markdown, to paste as a pull-request comment.
    Markdown,
    /// One JSON document (see `charterc schema diff` and `charterc schema compare`).
    Json,
}

/// Which differences make `diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum FailOn {
    /// A change that lets something pass that did not: a weaker rule, or an incomparable one under which some
    /// tally newly passes.
    Weaker,
    /// Any semantic difference.
    Any,
}

/// `charterc diff`'s arguments.
#[derive(Debug)]
pub(super) struct DiffArgs {
    /// OLD and NEW, or NEW alone with `--git`.
    pub(super) charters: Vec<String>,
    /// `--git REV`.
    pub(super) git: Option<String>,
    /// `--format`.
    pub(super) format: ReportFormat,
    /// `--fail-on`, if given.
    pub(super) fail_on: Option<FailOn>,
    /// `--map OLD=NEW`, repeatable.
    pub(super) map: Vec<String>,
}

fn name_map(specs: &[String], out: &mut Output) -> Option<NameMap> {
    let mut map = NameMap::new();
    for spec in specs {
        if let Err(error) = map.add_spec(spec) {
            out.err(&format!("error: {error}"));
            return None;
        }
    }
    Some(map)
}

/// Runs `charterc diff`.
pub(super) fn run_diff(args: DiffArgs, out: &mut Output) -> u8 {
    let Some(map) = name_map(&args.map, out) else {
        return EXIT_USAGE_OR_IO;
    };
    let (old_spec, new_spec) = match (&args.git, args.charters.as_slice()) {
        (Some(rev), [new]) => (Spec::GitOf(rev.clone(), new.clone()), Spec::parse(new)),
        (None, [old, new]) => (Spec::parse(old), Spec::parse(new)),
        (Some(_), _) => {
            out.err("error: with `--git REV`, give only the new charter: `charterc diff --git HEAD~1 charters/x.charter`");
            return EXIT_USAGE_OR_IO;
        }
        (None, _) => {
            out.err("error: `diff` takes two charters, OLD and NEW (OLD may be `REV:path`), or one with `--git REV`");
            return EXIT_USAGE_OR_IO;
        }
    };
    let (Some(old), Some(new)) = (load(&old_spec, out), load(&new_spec, out)) else {
        return EXIT_USAGE_OR_IO;
    };
    let diff = compare::diff(&old, &new, &map);
    match args.format {
        ReportFormat::Human => out.text(&diff_text::render_human(
            &diff, &old.label, &new.label, WIDTH,
        )),
        ReportFormat::Markdown => {
            out.text(&diff_text::render_markdown(&diff, &old.label, &new.label))
        }
        ReportFormat::Json => out.json(&compare_json::diff_document(
            &diff,
            compare_json::DiffSide {
                label: &old.label,
                title: &old.title,
            },
            compare_json::DiffSide {
                label: &new.label,
                title: &new.title,
            },
        )),
    }
    let failed = match args.fail_on {
        Some(FailOn::Weaker) => diff.weakens(),
        Some(FailOn::Any) => !diff.is_empty(),
        None => false,
    };
    if failed { EXIT_FINDINGS } else { EXIT_CLEAN }
}

/// Runs `charterc compare`.
pub(super) fn run_compare(
    charters: &[String],
    format: ReportFormat,
    map: &[String],
    out: &mut Output,
) -> u8 {
    let Some(map) = name_map(map, out) else {
        return EXIT_USAGE_OR_IO;
    };
    // Reading stays sequential and in order (standard input may be named more than once, and `git show` runs
    // as it did); checking, which is what costs, runs in parallel, collected in input order, and what cannot be
    // compared is reported afterwards in that order, so output does not depend on the threads.
    let read: Vec<Result<(String, Vec<u8>), String>> = charters
        .iter()
        .map(|spec| read_spec(&Spec::parse(spec)))
        .collect();
    let loaded: Vec<Result<Prepared, Unusable>> = read
        .into_par_iter()
        .map(|read| match read {
            Ok((label, bytes)) => prepare_bytes(label, bytes),
            Err(message) => Err(Unusable::unread(message)),
        })
        .collect();
    let mut prepared = Vec::with_capacity(loaded.len());
    let mut failed = false;
    for result in loaded {
        match result {
            Ok(p) => prepared.push(p),
            Err(unusable) => {
                failed = true;
                unusable.print(out);
            }
        }
    }
    if failed {
        return EXIT_USAGE_OR_IO;
    }
    let table = compare::compare(&prepared, &map);
    match format {
        ReportFormat::Human => out.text(&compare_table::render_human(&table, WIDTH)),
        ReportFormat::Markdown => out.text(&compare_table::render_markdown(&table)),
        ReportFormat::Json => out.json(&compare_json::compare_document(&table)),
    }
    // The process ends with this command: freeing a thousand checked charters one allocation at a time took a
    // tenth of a second, for memory the operating system takes back at once.
    std::mem::forget(prepared);
    std::mem::forget(table);
    EXIT_CLEAN
}

/// Where a charter comes from.
#[derive(Debug, Clone)]
enum Spec {
    /// A file, or `-` for standard input.
    File(String),
    /// `git show REV:path`, run in the current folder.
    Git { rev: String, path: String },
    /// The file `path` at revision `REV` (`--git REV`), read from the file's folder.
    GitOf(String, String),
}

impl Spec {
    /// A file if it exists (or is `-`); else `REV:path` when it has a colon after something; else a file, so
    /// that the error says it cannot be read.
    fn parse(spec: &str) -> Spec {
        if spec == "-" || Path::new(spec).exists() {
            return Spec::File(spec.to_owned());
        }
        match spec.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() => Spec::Git {
                rev: rev.to_owned(),
                path: path.to_owned(),
            },
            _ => Spec::File(spec.to_owned()),
        }
    }
}

/// Reads, checks and prepares a charter; on failure, says why on stderr and returns `None`.
fn load(spec: &Spec, out: &mut Output) -> Option<Prepared> {
    let result = read_spec(spec)
        .map_err(Unusable::unread)
        .and_then(|(label, bytes)| prepare_bytes(label, bytes));
    match result {
        Ok(prepared) => Some(prepared),
        Err(unusable) => {
            unusable.print(out);
            None
        }
    }
}

/// Reads a charter: its label and bytes, or the error message for stderr.
fn read_spec(spec: &Spec) -> Result<(String, Vec<u8>), String> {
    Ok(match spec {
        Spec::File(path) => {
            let label = if path == "-" {
                "<stdin>".to_owned()
            } else {
                path.clone()
            };
            match read(Path::new(path)) {
                Ok(bytes) => (label, bytes),
                Err(error) => return Err(format!("error: cannot read `{label}`: {error}")),
            }
        }
        Spec::Git { rev, path } => {
            let label = format!("{rev}:{path}");
            (label.clone(), git_show(None, &label, &label)?)
        }
        Spec::GitOf(rev, path) => {
            let file = Path::new(path);
            let folder = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let Some(name) = name else {
                return Err(format!("error: `{path}` is not a file name"));
            };
            let label = format!("{rev}:{path}");
            let object = format!("{rev}:./{name}");
            (label.clone(), git_show(Some(folder), &object, &label)?)
        }
    })
}

/// Decodes, checks and prepares a charter read as `label`; on failure, what to print on stderr.
fn prepare_bytes(label: String, bytes: Vec<u8>) -> Result<Prepared, Unusable> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let analysis = charterc::check_bytes(
                &label,
                error.as_bytes(),
                &charterc::config::Levels::default(),
            );
            return Err(unusable(&analysis.source, &analysis.diagnostics));
        }
    };
    let source = SourceFile::new(label, text);
    compare::prepare(&source).map_err(|diagnostics| unusable(&source, &diagnostics))
}

/// Why a charter cannot be compared, as printed on stderr.
struct Unusable {
    /// The report of its errors, when it could be read.
    report: Option<String>,
    /// Why it cannot be compared.
    message: String,
}

impl Unusable {
    /// A charter that could not be read.
    fn unread(message: String) -> Unusable {
        Unusable {
            report: None,
            message,
        }
    }

    fn print(&self, out: &mut Output) {
        if let Some(report) = &self.report {
            out.err_report(report);
        }
        out.err(&self.message);
    }
}

/// A charter that was read but has errors: its report, then why it cannot be compared.
fn unusable(source: &SourceFile, diagnostics: &[charterc::diagnostic::Diagnostic]) -> Unusable {
    let style = human::Style::Graphical {
        color: use_color_stderr(),
    };
    Unusable {
        report: Some(human::render(source, diagnostics, style, WIDTH)),
        message: format!(
            "error: `{}` has {}, so it cannot be compared",
            source.name,
            charterc::report::plural(diagnostics.len(), "error")
        ),
    }
}

/// `git show OBJECT`, in `folder` (the current folder if `None`); `label` names it in errors, which are returned
/// as the message for stderr.
fn git_show(folder: Option<&Path>, object: &str, label: &str) -> Result<Vec<u8>, String> {
    let mut command = Command::new("git");
    if let Some(folder) = folder {
        command.arg("-C").arg(folder);
    }
    command.arg("show").arg(object);
    match command.output() {
        Ok(output) if output.status.success() => Ok(output.stdout),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let reason = stderr
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("git failed")
                .trim();
            Err(format!("error: cannot read `{label}` from git: {reason}"))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "error: cannot read `{label}`: `git` is not installed or not on the PATH"
        )),
        Err(error) => Err(format!(
            "error: cannot run `git` to read `{label}`: {error}"
        )),
    }
}
