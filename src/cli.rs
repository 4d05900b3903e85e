//! The command line: argument parsing, reading files, printing reports, exit codes.
//!
//! This is the only module that touches the file system, standard streams and the process exit status.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod compare;
mod parallel;

use charterc::config::{Level, LevelError, Levels};
use charterc::report::{
    self, DEFAULT_DOCS_URL, DocsUrl, Summary, catalogue, github, human, json, sarif, short,
};
use charterc::{Analysis, check_owned, checks, unreadable};

const EXAMPLES: &str = "\
Examples:
  charterc check charters/                 check every .charter file under charters/
  charterc check --deny warnings gov.charter
                                           fail (exit 1) on warnings too
  charterc check --allow minority-decides charters/
                                           do not report one finding (also in charterc.toml)
  cat gov.charter | charterc check -       check standard input
  charterc check --stdin-filename gov/gov.charter < buffer
                                           check an editor's unsaved buffer, reported as that file
  charterc check --format json charters/   one JSON document for editors and CI
  charterc check --format sarif charters/ > charterc.sarif
                                           a SARIF 2.1.0 log for GitHub code scanning
  charterc check --format github charters/ annotations in a GitHub Actions log
  charterc compile charters/kitops.charter print the checked IR as JSON
  charterc explain CH101                   explain a finding (also by name: undefined-reference)
  charterc schema diagnostics              the JSON Schema of `check --format json`
  charterc diff --fail-on weaker HEAD~1:gov.charter gov.charter
                                           what a change does; exit 1 if it weakens a rule
  charterc compare charters/wasmedge.charter charters/kitops.charter
                                           a table of two charters side by side

Exit status: 0 clean, 1 findings at or above the deny level, 2 usage or I/O error.";

/// A compiler and linter for governance charters.
#[derive(Debug, Parser)]
#[command(name = "charterc", version, about, after_help = EXAMPLES)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check charters and report contradictions and ambiguities.
    Check {
        /// Files or folders (searched recursively for `.charter` files); `-` reads standard input.
        #[arg(required_unless_present = "stdin_filename")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Report standard input under this path (and look for `charterc.toml` from its folder); implies `-`.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
        /// Where `docs/checks.md` is published (a URL or a path); each finding links to `BASE#ch101`. SARIF
        /// gets a `helpUri` only from an absolute URL.
        #[arg(long, value_name = "BASE", env = "CHARTERC_DOCS_URL", default_value = DEFAULT_DOCS_URL)]
        docs_url: String,
        /// Do not report this finding (code or name); `warnings` allows every warning. Repeatable.
        #[arg(long, value_name = "CODE")]
        allow: Vec<String>,
        /// Report this finding as a warning. Repeatable.
        #[arg(long, value_name = "CODE")]
        warn: Vec<String>,
        /// Report this finding as an error; `warnings` makes every warning fail the run. Repeatable.
        #[arg(long, value_name = "CODE")]
        deny: Vec<String>,
        /// Ignore `charterc.toml` files.
        #[arg(long)]
        no_config: bool,
    },
    /// Check one charter and print its checked IR as JSON.
    Compile {
        /// The charter file; `-` reads standard input.
        #[arg(required_unless_present = "stdin_filename")]
        path: Option<PathBuf>,
        /// Read standard input and report it under this path; implies `-`.
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<String>,
    },
    /// Explain a finding: what it finds, why it matters, an example.
    Explain {
        /// A code (`CH101`) or name (`undefined-reference`); omit to list every finding.
        code: Option<String>,
        /// Print Markdown: the whole catalogue (`docs/checks.md`), or the section of one finding.
        #[arg(long)]
        markdown: bool,
    },
    /// Show what a change to a charter does: rules made stricter or weaker, with witness tallies.
    Diff {
        /// OLD then NEW: files, `-`, or `REV:path` (a file at a git revision). With `--git`, NEW alone.
        #[arg(required = true, num_args = 1..=2, value_name = "CHARTER")]
        charters: Vec<String>,
        /// Read OLD as NEW's file at this git revision (`--git HEAD~1` or `--git origin/main`).
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = compare::ReportFormat::Human)]
        format: compare::ReportFormat,
        /// Exit 1 when the diff has a weakening (`weaker`) or any difference (`any`).
        #[arg(long, value_enum, value_name = "WHAT")]
        fail_on: Option<compare::FailOn>,
        /// An old name that means a new one (a role, body or decision), such as `tsc=maintainer_council`.
        /// Repeatable.
        #[arg(long = "map", value_name = "OLD=NEW")]
        map: Vec<String>,
    },
    /// Compare charters side by side: one row per aligned aspect, one column per charter.
    Compare {
        /// The charters: files, `-`, or `REV:path`.
        #[arg(required = true, value_name = "CHARTER")]
        charters: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = compare::ReportFormat::Human)]
        format: compare::ReportFormat,
        /// A name in one charter that means a name in another (a role, body or decision), such as
        /// `tsc=maintainer_council`. Repeatable.
        #[arg(long = "map", value_name = "NAME=NAME")]
        map: Vec<String>,
    },
    /// Print the JSON Schema of an output document.
    Schema {
        /// Which document: `diagnostics` (`check --format json`), `ir` (`compile`), `diff` or `compare`.
        #[arg(value_enum)]
        document: SchemaDocument,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaDocument {
    /// The diagnostics document printed by `check --format json`.
    Diagnostics,
    /// The IR document printed by `compile`.
    Ir,
    /// The document printed by `diff --format json`.
    Diff,
    /// The document printed by `compare --format json`.
    Compare,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Rich report with source snippets (colour on a terminal unless NO_COLOR is set).
    Human,
    /// The same report without drawing characters, for screen readers and logs.
    Plain,
    /// One line per finding: `path:line:col: severity[CODE]: message`.
    Short,
    /// One JSON document (see `charterc schema diagnostics`).
    Json,
    /// A SARIF 2.1.0 log, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
}

/// Levels given on the command line, applied over any `charterc.toml`.
#[derive(Debug)]
struct LevelArgs {
    levels: Levels,
    use_config: bool,
}

/// How a run names standard input: `<stdin>`, or the name given with `--stdin-filename`.
#[derive(Debug, Clone, Default)]
struct StdinName(Option<String>);

impl StdinName {
    /// The name a path is reported under.
    fn display(&self, path: &Path) -> String {
        if path.as_os_str() == "-" {
            self.0.clone().unwrap_or_else(|| "<stdin>".to_owned())
        } else {
            path.display().to_string()
        }
    }
}

/// The paths to read: `-` alone when only `--stdin-filename` is given; an error when it is given with paths but
/// none of them is `-`.
fn with_stdin(mut paths: Vec<PathBuf>, stdin: &StdinName) -> Result<Vec<PathBuf>, String> {
    if stdin.0.is_some() {
        if paths.is_empty() {
            paths.push(PathBuf::from("-"));
        } else if !paths.iter().any(|p| p.as_os_str() == "-") {
            return Err(
                "`--stdin-filename` names standard input, but no path is `-`; add `-` to the paths"
                    .to_owned(),
            );
        }
    }
    Ok(paths)
}

/// Prints what clap has to say instead of a parsed command line (a usage error, or the help or version asked
/// for) and returns its exit status.
///
/// A usage error quotes the argument it rejects as it was given: on a terminal (or with `CLICOLOR_FORCE`), clap
/// writes the control characters it holds as they are, so an argument could recolour or retitle the terminal (and
/// elsewhere it drops them, which misquotes the argument). When an argument holds one, the error is worded again
/// without colour and printed with its control characters shown as [`report::visible`] shows them.
pub(crate) fn clap_failure(error: &clap::Error) -> ExitCode {
    let status = u8::try_from(error.exit_code()).unwrap_or(EXIT_USAGE_OR_IO);
    let holds_controls = std::env::args_os().any(|argument| {
        matches!(
            report::visible::visible(&argument.to_string_lossy()),
            std::borrow::Cow::Owned(_)
        )
    });
    let plain = holds_controls
        .then(|| {
            <Cli as clap::CommandFactory>::command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches()
                .err()
        })
        .flatten();
    match plain {
        Some(plain) => {
            let text = plain.render().ansi().to_string();
            let shown = report::visible::visible(&text);
            let _ = if plain.use_stderr() {
                write!(std::io::stderr().lock(), "{shown}")
            } else {
                write!(std::io::stdout().lock(), "{shown}")
            };
        }
        // Nothing to show differently: clap prints it, in colour where it may, on stdout or stderr as it should.
        None => {
            let _ = error.print();
        }
    }
    ExitCode::from(status)
}

/// Runs a parsed command line and returns the process exit status.
pub(crate) fn run(cli: Cli) -> ExitCode {
    let mut out = Output::default();
    let status = match cli.command {
        Command::Check {
            paths,
            format,
            stdin_filename,
            docs_url,
            allow,
            warn,
            deny,
            no_config,
        } => {
            let stdin = StdinName(stdin_filename);
            let levels = command_line_levels(&allow, &warn, &deny).map_err(|e| e.to_string());
            match levels.and_then(|levels| Ok((levels, with_stdin(paths, &stdin)?))) {
                Ok((levels, paths)) => run_check(
                    &paths,
                    &CheckOptions {
                        format,
                        stdin,
                        docs: DocsUrl::new(&docs_url),
                        levels: LevelArgs {
                            levels,
                            use_config: !no_config,
                        },
                    },
                    &mut out,
                ),
                Err(error) => {
                    out.err(&format!("error: {error}"));
                    EXIT_USAGE_OR_IO
                }
            }
        }
        Command::Compile {
            path,
            stdin_filename,
        } => {
            let stdin = StdinName(stdin_filename);
            match with_stdin(path.into_iter().collect(), &stdin) {
                Ok(paths) => match paths.as_slice() {
                    [path] => run_compile(path, &stdin, &mut out),
                    _ => {
                        out.err("error: `compile` takes one charter");
                        EXIT_USAGE_OR_IO
                    }
                },
                Err(error) => {
                    out.err(&format!("error: {error}"));
                    EXIT_USAGE_OR_IO
                }
            }
        }
        Command::Explain { code, markdown } => run_explain(code.as_deref(), markdown, &mut out),
        Command::Diff {
            charters,
            git,
            format,
            fail_on,
            map,
        } => compare::run_diff(
            compare::DiffArgs {
                charters,
                git,
                format,
                fail_on,
                map,
            },
            &mut out,
        ),
        Command::Compare {
            charters,
            format,
            map,
        } => compare::run_compare(&charters, format, &map, &mut out),
        Command::Schema { document } => {
            let schema = match document {
                SchemaDocument::Diagnostics => json::DIAGNOSTICS_SCHEMA,
                SchemaDocument::Ir => json::IR_SCHEMA,
                SchemaDocument::Diff => report::compare_json::DIFF_SCHEMA,
                SchemaDocument::Compare => report::compare_json::COMPARE_SCHEMA,
            };
            out.text(schema);
            EXIT_CLEAN
        }
    };
    out.flush();
    ExitCode::from(status)
}

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_USAGE_OR_IO: u8 = 2;

/// Levels from `--allow`, `--warn` and `--deny`, applied in that order (so `--deny` wins).
fn command_line_levels(
    allow: &[String],
    warn: &[String],
    deny: &[String],
) -> Result<Levels, LevelError> {
    let mut levels = Levels::default();
    for (targets, level) in [
        (allow, Level::Allow),
        (warn, Level::Warn),
        (deny, Level::Deny),
    ] {
        for target in targets {
            levels.set(target, level)?;
        }
    }
    Ok(levels)
}

/// Everything `check` needs besides the paths.
#[derive(Debug)]
struct CheckOptions {
    format: Format,
    stdin: StdinName,
    docs: DocsUrl,
    levels: LevelArgs,
}

fn run_check(paths: &[PathBuf], options: &CheckOptions, out: &mut Output) -> u8 {
    let level_args = &options.levels;
    let stdin = &options.stdin;
    let inputs = collect_files(paths, out);
    let mut configs = ConfigCache::default();
    let mut io_failed = false;
    // An unreadable file is a finding of that file in every format; the machine formats also say so on stderr,
    // where a person watching a pipeline sees why the exit status is 2.
    let machine = !matches!(options.format, Format::Human | Format::Plain);
    let unreadable_file = |name: &str, error: &str, out: &mut Output| {
        if machine {
            out.err(&format!("error: cannot read `{name}`: {error}"));
        }
        unreadable(name, error)
    };
    // Files are read (and their levels found) in order, so that messages about unreadable files come in order;
    // then they are checked in parallel, one file per task, and the results kept in input order.
    let mut pending = Vec::new();
    for input in inputs {
        let file = match input {
            Input::File(file) => file,
            Input::Unreadable { path, error } => {
                pending.push(Pending::Done(Box::new(unreadable_file(
                    &path.display().to_string(),
                    &error,
                    out,
                ))));
                io_failed = true;
                continue;
            }
        };
        let file = &file;
        let levels = if level_args.use_config {
            match configs.levels_for(file, stdin) {
                Ok(file_levels) => file_levels.overridden_by(&level_args.levels),
                Err(error) => {
                    out.err(&format!("error: {error}"));
                    io_failed = true;
                    continue;
                }
            }
        } else {
            level_args.levels.clone()
        };
        let name = stdin.display(file);
        match read(file) {
            Ok(bytes) => pending.push(Pending::Check {
                name,
                bytes,
                levels,
            }),
            Err(error) => {
                pending.push(Pending::Done(Box::new(unreadable_file(
                    &name,
                    &error.to_string(),
                    out,
                ))));
                io_failed = true;
            }
        }
    }
    let format = options.format;
    let style = match format {
        Format::Human => Some(human::Style::Graphical { color: use_color() }),
        Format::Plain => Some(human::Style::Plain),
        Format::Json | Format::Sarif | Format::Short | Format::Github => None,
    };
    // Each file's human report is rendered by the task that checked it, while its findings are fresh, rather than
    // in a second parallel pass that would wake the threads again.
    let checked = parallel::in_parallel(pending, Pending::size, move |file| {
        let (analysis, fails) = file.finish();
        let report =
            style.map(|style| human::render(&analysis.source, &analysis.diagnostics, style, 100));
        (analysis, fails, report)
    });
    let failed = checked.iter().any(|(_, fails, _)| *fails);
    let mut analyses = Vec::with_capacity(checked.len());
    let mut reports = Vec::with_capacity(checked.len());
    for (analysis, _, report) in checked {
        analyses.push(analysis);
        reports.extend(report);
    }
    let summary = Summary::of(&analyses);
    match format {
        Format::Json => out.json(&json::diagnostics_document(&analyses, &options.docs)),
        Format::Sarif => out.json(&sarif::log(&analyses, &options.docs)),
        Format::Short => out.text(&short::render(&analyses)),
        Format::Github => out.text(&github::render(&analyses)),
        Format::Human | Format::Plain => {
            for report in &reports {
                out.text(report);
            }
            out.text(&summary_line(&analyses, summary));
        }
    }
    if io_failed {
        EXIT_USAGE_OR_IO
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// A file to check, or the finding that stands for a file that could not be read.
enum Pending {
    Check {
        name: String,
        bytes: Vec<u8>,
        levels: Levels,
    },
    Done(Box<Analysis>),
}

impl Pending {
    /// The size of the work: the length of the file.
    fn size(&self) -> usize {
        match self {
            Pending::Check { bytes, .. } => bytes.len(),
            Pending::Done(_) => 0,
        }
    }

    /// The analysis of the file, and whether it fails the run under its levels.
    fn finish(self) -> (Analysis, bool) {
        match self {
            Pending::Check {
                name,
                bytes,
                levels,
            } => {
                let mut analysis = check_owned(&name, bytes, &levels);
                // The reports read the findings and the text, never the IR: dropping it as soon as the file is
                // checked keeps at most one IR per core in memory.
                analysis.charter = None;
                let summary = Summary::of(std::slice::from_ref(&analysis));
                let fails = summary.errors > 0 || (levels.deny_warnings() && summary.warnings > 0);
                (analysis, fails)
            }
            // An unreadable file fails the run through the I/O exit status, not as a finding.
            Pending::Done(analysis) => (*analysis, false),
        }
    }
}

/// `charterc.toml` files found by walking up from each charter's folder, read once per folder.
#[derive(Debug, Default)]
struct ConfigCache {
    by_folder: std::collections::BTreeMap<PathBuf, Levels>,
    /// Each folder as named on the command line or found in a walk, made absolute: the files of one folder ask
    /// for it once (`canonicalize` is two system calls).
    canonical: std::collections::BTreeMap<PathBuf, PathBuf>,
}

impl ConfigCache {
    /// The levels of the nearest `charterc.toml` above `file`; for stdin, above the `--stdin-filename` if given,
    /// else above the current folder.
    fn levels_for(&mut self, file: &Path, stdin: &StdinName) -> Result<Levels, String> {
        let file = match (&stdin.0, file.as_os_str() == "-") {
            (Some(name), true) => Path::new(name),
            _ => file,
        };
        let start = if file.as_os_str() == "-" {
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?
        } else {
            let parent = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            match self.canonical.get(parent) {
                Some(canonical) => canonical.clone(),
                None => {
                    let canonical = parent
                        .canonicalize()
                        .unwrap_or_else(|_| parent.to_path_buf());
                    self.canonical
                        .insert(parent.to_path_buf(), canonical.clone());
                    canonical
                }
            }
        };
        if let Some(levels) = self.by_folder.get(&start) {
            return Ok(levels.clone());
        }
        let mut levels = Levels::default();
        for folder in start.ancestors() {
            let candidate = folder.join(CONFIG_FILE);
            if candidate.is_file() {
                let text = std::fs::read_to_string(&candidate)
                    .map_err(|e| format!("cannot read `{}`: {e}", candidate.display()))?;
                levels = Levels::from_toml(&text)
                    .map_err(|e| format!("{}: {e}", candidate.display()))?;
                break;
            }
        }
        self.by_folder.insert(start, levels.clone());
        Ok(levels)
    }
}

const CONFIG_FILE: &str = "charterc.toml";

fn summary_line(analyses: &[Analysis], summary: Summary) -> String {
    let counts = |summary: Summary| {
        let mut res = format!(
            "{}, {}",
            report::plural(summary.errors, "error"),
            report::plural(summary.warnings, "warning")
        );
        if summary.suppressed > 0 {
            res.push_str(&format!(" ({} allowed in the charter)", summary.suppressed));
        }
        res
    };
    let mut res = String::new();
    for analysis in analyses {
        let file = Summary::of(std::slice::from_ref(analysis));
        // A file name may hold control characters too.
        let name = report::visible::visible(&analysis.source.name);
        res.push_str(&format!("{name}: {}\n", counts(file)));
    }
    res.push_str(&format!(
        "checked {}: {}\n",
        report::plural(summary.files, "file"),
        counts(summary)
    ));
    res
}

fn run_compile(path: &Path, stdin: &StdinName, out: &mut Output) -> u8 {
    let name = stdin.display(path);
    let bytes = match read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            out.err(&format!("error: cannot read `{name}`: {error}"));
            return EXIT_USAGE_OR_IO;
        }
    };
    let analysis = check_owned(&name, bytes, &Levels::default());
    let summary = Summary::of(std::slice::from_ref(&analysis));
    let style = human::Style::Graphical {
        color: use_color_stderr(),
    };
    match &analysis.charter {
        Some(charter) if summary.errors == 0 => {
            if !analysis.diagnostics.is_empty() {
                out.err_report(&human::render(
                    &analysis.source,
                    &analysis.diagnostics,
                    style,
                    100,
                ));
            }
            out.json(&json::ir_document(&analysis.source.name, charter));
            EXIT_CLEAN
        }
        _ => {
            out.err_report(&human::render(
                &analysis.source,
                &analysis.diagnostics,
                style,
                100,
            ));
            out.err(&format!(
                "error: `{}` has {}; no IR printed",
                analysis.source.name,
                report::plural(summary.errors, "error")
            ));
            EXIT_FINDINGS
        }
    }
}

fn run_explain(code: Option<&str>, markdown: bool, out: &mut Output) -> u8 {
    if markdown && code.is_none() {
        out.text(&catalogue::markdown());
        return EXIT_CLEAN;
    }
    let Some(code) = code else {
        for lint in checks::ALL {
            out.text(&format!(
                "{}  {:<28} {}\n",
                lint.code,
                lint.name,
                lint.default_severity.as_str()
            ));
        }
        return EXIT_CLEAN;
    };
    match checks::find(code) {
        Some(lint) if markdown => {
            out.text(&catalogue::section(lint));
            EXIT_CLEAN
        }
        Some(lint) => {
            out.text(&format!(
                "{} {} ({})\n\n{}",
                lint.code,
                lint.name,
                lint.default_severity.as_str(),
                lint.explanation()
            ));
            EXIT_CLEAN
        }
        None => {
            out.err(&format!(
                "error: no finding has the code or name `{code}`; `charterc explain` lists them all"
            ));
            EXIT_USAGE_OR_IO
        }
    }
}

/// A path to check, or one that a folder walk could not read.
#[derive(Debug)]
enum Input {
    File(PathBuf),
    Unreadable { path: PathBuf, error: String },
}

/// Expands folders to the `.charter` files under them, sorted; keeps files and `-` as given. A folder or entry
/// that cannot be read is kept as `Unreadable`, in its place, so that it is reported as a finding of that path.
fn collect_files(paths: &[PathBuf], out: &mut Output) -> Vec<Input> {
    let mut files = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            files.push(Input::File(path.clone()));
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            match entry {
                Ok(entry)
                    if entry.file_type().is_file()
                        && entry.path().extension().is_some_and(|e| e == "charter") =>
                {
                    found.push(Input::File(entry.into_path()));
                }
                Ok(_) => {}
                Err(error) => {
                    let at = error.path().unwrap_or(path).to_path_buf();
                    let reason = error
                        .io_error()
                        .map_or_else(|| error.to_string(), ToString::to_string);
                    found.push(Input::Unreadable {
                        path: at,
                        error: reason,
                    });
                }
            }
        }
        if found.is_empty() {
            out.err(&format!(
                "warning: no `.charter` files under `{}`",
                path.display()
            ));
        }
        files.extend(found);
    }
    files
}

/// Reads a file or standard input, stopping one byte past `charterc::MAX_INPUT_BYTES`: a larger input is
/// reported (`file-too-large`) without being read whole.
fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let limit = charterc::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)?;
    } else {
        let file = std::fs::File::open(path)?;
        // Room for the whole file up front: without it, `read_to_end` starts with a 32-byte read and doubles,
        // about ten reads for a 10 KB charter. A file whose length cannot be told is read as it comes.
        let length = file
            .metadata()
            .map_or(0, |metadata| metadata.len().min(limit));
        bytes.reserve(usize::try_from(length).unwrap_or(0).saturating_add(1));
        file.take(limit).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn use_color() -> bool {
    !no_color() && std::io::stdout().is_terminal()
}

fn use_color_stderr() -> bool {
    !no_color() && std::io::stderr().is_terminal()
}

/// Buffered standard output and error. A closed pipe (`charterc check | head -1`) ends output quietly.
#[derive(Debug, Default)]
struct Output {
    closed: bool,
}

impl Output {
    fn text(&mut self, text: &str) {
        if self.closed {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        if stdout.write_all(text.as_bytes()).is_err() {
            self.closed = true;
        }
    }

    /// Writes `value` as pretty-printed JSON and a line feed, streamed: the document of a large charter, or of
    /// `compare` over a thousand charters, is tens of megabytes, and a copy of it in memory (twice, with the line
    /// feed) would be most of the peak memory and a tenth of a second of fresh allocation.
    fn json<T: serde::Serialize>(&mut self, value: &T) {
        if self.closed {
            return;
        }
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let written = report::json_writer::write_pretty(&mut stdout, value).and_then(|()| {
            stdout
                .write_all(b"\n")
                .and_then(|()| stdout.flush())
                .map_err(serde_json::Error::io)
        });
        match written {
            Ok(()) => {}
            Err(error) if error.is_io() => self.closed = true,
            Err(error) => self.err(&format!("error: cannot write JSON: {error}")),
        }
    }

    /// Writes a message of ours on stderr. Messages quote paths, arguments and what configuration files and
    /// git say, any of which may hold control characters: they are shown as the text reports show them.
    fn err(&mut self, text: &str) {
        self.err_report(&report::visible::visible(text));
    }

    /// Writes a report rendered for the terminal (by `human::render`, which shows control characters itself
    /// and may colour its output) on stderr as it is.
    fn err_report(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{}", text.trim_end());
    }

    fn flush(&mut self) {
        if !self.closed {
            let _ = std::io::stdout().flush();
        }
    }
}
