//! The command line: argument parsing, reading files, printing reports, exit codes.
//!
//! This is the only module that touches the file system, standard streams and the process exit status.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use charterc::config::{Level, LevelError, Levels};
use charterc::report::{self, Summary, human, json};
use charterc::{Analysis, check_bytes, checks};

const EXAMPLES: &str = "\
Examples:
  charterc check charters/                 check every .charter file under charters/
  charterc check --deny warnings gov.charter
                                           fail (exit 1) on warnings too
  charterc check --allow minority-decides charters/
                                           do not report one finding (also in charterc.toml)
  cat gov.charter | charterc check -       check standard input
  charterc check --format json charters/   one JSON document for editors and CI
  charterc compile charters/kitops.charter print the checked IR as JSON
  charterc explain CH101                   explain a finding (also by name: undefined-reference)

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
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
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
        path: PathBuf,
    },
    /// Explain a finding: what it finds, why it matters, an example.
    Explain {
        /// A code (`CH101`) or name (`undefined-reference`); omit to list every finding.
        code: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Rich report with source snippets (colour on a terminal unless NO_COLOR is set).
    Human,
    /// The same report without drawing characters, for screen readers and logs.
    Plain,
    /// One JSON document.
    Json,
}

/// Levels given on the command line, applied over any `charterc.toml`.
#[derive(Debug)]
struct LevelArgs {
    levels: Levels,
    use_config: bool,
}

/// Runs a parsed command line and returns the process exit status.
pub(crate) fn run(cli: Cli) -> ExitCode {
    let mut out = Output::default();
    let status = match cli.command {
        Command::Check {
            paths,
            format,
            allow,
            warn,
            deny,
            no_config,
        } => match command_line_levels(&allow, &warn, &deny) {
            Ok(levels) => run_check(
                &paths,
                format,
                &LevelArgs {
                    levels,
                    use_config: !no_config,
                },
                &mut out,
            ),
            Err(error) => {
                out.err(&format!("error: {error}"));
                EXIT_USAGE_OR_IO
            }
        },
        Command::Compile { path } => run_compile(&path, &mut out),
        Command::Explain { code } => run_explain(code.as_deref(), &mut out),
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

fn run_check(paths: &[PathBuf], format: Format, level_args: &LevelArgs, out: &mut Output) -> u8 {
    let (files, mut io_failed) = collect_files(paths, out);
    let mut configs = ConfigCache::default();
    let mut analyses = Vec::new();
    let mut failed = false;
    for file in &files {
        let levels = if level_args.use_config {
            match configs.levels_for(file) {
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
        match read(file) {
            Ok(bytes) => {
                let analysis = check_bytes(&display(file), &bytes, &levels);
                let summary = Summary::of(std::slice::from_ref(&analysis));
                failed |= summary.errors > 0 || (levels.deny_warnings() && summary.warnings > 0);
                analyses.push(analysis);
            }
            Err(error) => {
                out.err(&format!("error: cannot read `{}`: {error}", display(file)));
                io_failed = true;
            }
        }
    }
    let summary = Summary::of(&analyses);
    match format {
        Format::Json => {
            let document = json::diagnostics_document(&analyses);
            out.json(&document);
        }
        Format::Human | Format::Plain => {
            let style = match format {
                Format::Plain => human::Style::Plain,
                _ => human::Style::Graphical { color: use_color() },
            };
            for analysis in &analyses {
                out.text(&human::render(
                    &analysis.source,
                    &analysis.diagnostics,
                    style,
                    100,
                ));
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

/// `charterc.toml` files found by walking up from each charter's folder, read once per folder.
#[derive(Debug, Default)]
struct ConfigCache {
    by_folder: std::collections::BTreeMap<PathBuf, Levels>,
}

impl ConfigCache {
    /// The levels of the nearest `charterc.toml` above `file` (the current folder for stdin).
    fn levels_for(&mut self, file: &Path) -> Result<Levels, String> {
        let start = if file.as_os_str() == "-" {
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?
        } else {
            let parent = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            parent
                .canonicalize()
                .unwrap_or_else(|_| parent.to_path_buf())
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
        res.push_str(&format!("{}: {}\n", analysis.source.name, counts(file)));
    }
    res.push_str(&format!(
        "checked {}: {}\n",
        report::plural(summary.files, "file"),
        counts(summary)
    ));
    res
}

fn run_compile(path: &Path, out: &mut Output) -> u8 {
    let bytes = match read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            out.err(&format!("error: cannot read `{}`: {error}", display(path)));
            return EXIT_USAGE_OR_IO;
        }
    };
    let analysis = check_bytes(&display(path), &bytes, &Levels::default());
    let summary = Summary::of(std::slice::from_ref(&analysis));
    let style = human::Style::Graphical {
        color: use_color_stderr(),
    };
    match &analysis.charter {
        Some(charter) if summary.errors == 0 => {
            if !analysis.diagnostics.is_empty() {
                out.err(&human::render(
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
            out.err(&human::render(
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

fn run_explain(code: Option<&str>, out: &mut Output) -> u8 {
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

/// Expands folders to the `.charter` files under them, sorted; keeps files and `-` as given.
fn collect_files(paths: &[PathBuf], out: &mut Output) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut failed = false;
    for path in paths {
        if path.as_os_str() == "-" || !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            match entry {
                Ok(entry)
                    if entry.file_type().is_file()
                        && entry.path().extension().is_some_and(|e| e == "charter") =>
                {
                    found.push(entry.into_path());
                }
                Ok(_) => {}
                Err(error) => {
                    out.err(&format!("error: cannot read `{}`: {error}", display(path)));
                    failed = true;
                }
            }
        }
        if found.is_empty() {
            out.err(&format!(
                "warning: no `.charter` files under `{}`",
                display(path)
            ));
        }
        files.extend(found);
    }
    (files, failed)
}

fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

fn display(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
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

    fn json<T: serde::Serialize>(&mut self, value: &T) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => self.text(&format!("{text}\n")),
            Err(error) => self.err(&format!("error: cannot write JSON: {error}")),
        }
    }

    fn err(&mut self, text: &str) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{}", text.trim_end());
    }

    fn flush(&mut self) {
        if !self.closed {
            let _ = std::io::stdout().flush();
        }
    }
}
