//! A program in a pseudo-terminal (portable-pty + vt100): start it, type keys, read the screen
//! and every byte it wrote, signal it, close the terminal under it.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Session {
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Box<dyn Write + Send>,
    pub parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    _lib: tempfile::TempDir,
}

/// How long any wait may take before the test fails: it only bounds a hang, so it is generous
/// enough for a debug binary on a loaded two-core machine.
pub const WAIT: Duration = Duration::from_secs(60);

impl Session {
    /// `ciw ARGS` in a fresh pseudo-terminal of `cols` x `rows`, with its library (and state)
    /// in a temporary folder unless `env` gives `CIW_LIBRARY`.
    pub fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session::program(env!("CARGO_BIN_EXE_ciw"), args, env, cols, rows)
    }

    /// Any `program` in a pseudo-terminal, set up as [`Session::start`] sets up `ciw`.
    pub fn program(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_GB.UTF-8");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        // A backtrace (RUST_BACKTRACE in the developer's shell) would scroll the panic message
        // off the screen the panic test reads.
        cmd.env_remove("RUST_BACKTRACE");
        // Last position and bookmarks go to the library's state dir: a temporary one, never
        // the user's, and a fresh one per session.
        let lib = tempfile::tempdir().expect("temp library");
        if !env.iter().any(|(k, _)| *k == "CIW_LIBRARY") {
            cmd.env("CIW_LIBRARY", lib.path());
        }
        // Nor the user's config.toml: an empty config folder unless the test gives one.
        if !env.iter().any(|(k, _)| *k == "XDG_CONFIG_HOME") {
            cmd.env("XDG_CONFIG_HOME", lib.path().join("config-home"));
        }
        // With `--reports` the state goes to the platform's state folder: a temporary one too.
        for (var, dir) in [
            ("XDG_STATE_HOME", "state-home"),
            ("XDG_DATA_HOME", "data-home"),
        ] {
            if !env.iter().any(|(k, _)| *k == var) {
                cmd.env(var, lib.path().join(dir));
            }
        }
        for (k, v) in env {
            cmd.env(k, v);
            // `PWD` given: the explorer runs in that folder (where `E` saves).
            if *k == "PWD" {
                cmd.cwd(v);
            }
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn ciw");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        let stop = Arc::new(AtomicBool::new(false));
        let fd = pair.master.as_raw_fd().expect("master fd");
        let stopping = Arc::clone(&stop);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                // Wait for output a little at a time, so `hang_up` can stop the reader and
                // close every descriptor of the master.
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                // SAFETY: one valid pollfd; `fd` stays open until this thread has been joined.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session {
            child,
            master: Some(pair.master),
            writer,
            parser,
            raw,
            stop,
            reader: Some(reader),
            _lib: lib,
        }
    }

    /// Closes the terminal under the process, as a dropped SSH connection or
    /// `tmux kill-server` does, and returns its pid.
    pub fn hang_up(&mut self) -> u32 {
        let pid = self.child.process_id().expect("pid");
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.writer = Box::new(std::io::sink());
        self.master = None;
        pid
    }

    pub fn resize(&self, size: PtySize) -> anyhow::Result<()> {
        self.master.as_ref().expect("terminal open").resize(size)
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, what: &str) {
        self.wait_until(&format!("{what:?}"), |s| s.contents().contains(what));
    }

    /// Waits until `what` is no longer on the screen.
    pub fn wait_gone(&self, what: &str) {
        self.wait_until(&format!("{what:?} to go"), |s| !s.contents().contains(what));
    }

    /// Waits until `ready` holds for the screen; `what` names the condition if it never does.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if ready(self.parser.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    /// Writes `keys`, then pauses a little. The pause is no guarantee that the program has read
    /// them: a lone Esc must be followed by a wait for what it does, or the next keys may be
    /// read with it as one Alt- key.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // The reader ends when the terminal's last writer has gone and it has read
                // everything written before the exit.
                while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
                    if start.elapsed() >= WAIT {
                        panic!("the terminal stayed open after ciw exited");
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status;
            }
            std::thread::sleep(Duration::from_millis(40));
        }
        let _ = self.child.kill();
        panic!("ciw did not exit; screen:\n{}", self.screen());
    }

    pub fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill {sig} {pid}");
    }

    pub fn assert_restored(&self) {
        let p = self.parser.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// How many bytes the program has written so far.
    pub fn written(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Waits until the program has written nothing for `quiet` (at most [`WAIT`]).
    pub fn settle(&self, quiet: Duration) {
        let start = Instant::now();
        let mut last = self.written();
        let mut since = Instant::now();
        while start.elapsed() < WAIT {
            std::thread::sleep(Duration::from_millis(20));
            let n = self.written();
            if n != last {
                last = n;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// Writes `bytes` in one write, without waiting.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush");
    }
}

pub fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
