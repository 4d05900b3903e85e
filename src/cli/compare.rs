//! `charterc diff` and `charterc compare`: reading charters (from files, standard input or git revisions),
//! printing the comparison, and the exit status.
//!
//! A charter argument is a file, `-` (standard input), or `REV:path`, a file at a git revision read with
//! `git show REV:path` when no file of that name exists. `diff --git REV NEW` reads the old charter as NEW's
//! file at REV, from NEW's folder, so it works from any folder of the repository.

use std::path::Path;
use std::process::Command;

use clap::ValueEnum;

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
    let mut prepared = Vec::new();
    let mut failed = false;
    for spec in charters {
        match load(&Spec::parse(spec), out) {
            Some(p) => prepared.push(p),
            None => failed = true,
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
    let (label, bytes) = match spec {
        Spec::File(path) => {
            let label = if path == "-" {
                "<stdin>".to_owned()
            } else {
                path.clone()
            };
            match read(Path::new(path)) {
                Ok(bytes) => (label, bytes),
                Err(error) => {
                    out.err(&format!("error: cannot read `{label}`: {error}"));
                    return None;
                }
            }
        }
        Spec::Git { rev, path } => {
            let label = format!("{rev}:{path}");
            (label.clone(), git_show(None, &label, &label, out)?)
        }
        Spec::GitOf(rev, path) => {
            let file = Path::new(path);
            let folder = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let Some(name) = name else {
                out.err(&format!("error: `{path}` is not a file name"));
                return None;
            };
            let label = format!("{rev}:{path}");
            let object = format!("{rev}:./{name}");
            (label.clone(), git_show(Some(folder), &object, &label, out)?)
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let analysis = charterc::check_bytes(
                &label,
                error.as_bytes(),
                &charterc::config::Levels::default(),
            );
            report_unusable(&analysis.source, &analysis.diagnostics, out);
            return None;
        }
    };
    let source = SourceFile::new(label, text);
    match compare::prepare(&source) {
        Ok(prepared) => Some(prepared),
        Err(diagnostics) => {
            report_unusable(&source, &diagnostics, out);
            None
        }
    }
}

fn report_unusable(
    source: &SourceFile,
    diagnostics: &[charterc::diagnostic::Diagnostic],
    out: &mut Output,
) {
    let style = human::Style::Graphical {
        color: use_color_stderr(),
    };
    out.err(&human::render(source, diagnostics, style, WIDTH));
    out.err(&format!(
        "error: `{}` has {}, so it cannot be compared",
        source.name,
        charterc::report::plural(diagnostics.len(), "error")
    ));
}

/// `git show OBJECT`, in `folder` (the current folder if `None`); `label` names it in errors.
fn git_show(folder: Option<&Path>, object: &str, label: &str, out: &mut Output) -> Option<Vec<u8>> {
    let mut command = Command::new("git");
    if let Some(folder) = folder {
        command.arg("-C").arg(folder);
    }
    command.arg("show").arg(object);
    match command.output() {
        Ok(output) if output.status.success() => Some(output.stdout),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let reason = stderr
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("git failed")
                .trim();
            out.err(&format!("error: cannot read `{label}` from git: {reason}"));
            None
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            out.err(&format!(
                "error: cannot read `{label}`: `git` is not installed or not on the PATH"
            ));
            None
        }
        Err(error) => {
            out.err(&format!(
                "error: cannot run `git` to read `{label}`: {error}"
            ));
            None
        }
    }
}
