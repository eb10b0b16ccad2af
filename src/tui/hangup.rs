//! Noticing that the terminal has gone away.
//!
//! When the terminal closes under the explorer (a dropped SSH connection, `tmux kill-server`,
//! a closed terminal window) the process must end, not linger. A SIGHUP usually says so, but
//! not always; and while the terminal is gone, reads from it return end-of-file at once. So
//! the event loop asks [`Hangup::closed`] between waits: the input descriptor reports
//! `POLLHUP` (or an error) once the other side has closed.
//!
//! crossterm is built with its `use-dev-tty` input source for the same reason: its default
//! (mio) source loops for ever on a descriptor that keeps returning end-of-file, without
//! handing control back; the `poll(2)` source returns when its timeout runs out, so a waiting
//! loop gets to see the hangup.

#[cfg(unix)]
mod imp {
    use std::fs::File;
    use std::io::IsTerminal;
    use std::os::fd::{AsRawFd, RawFd};

    /// The descriptor crossterm reads keys from: stdin when it is a terminal, else `/dev/tty`.
    pub struct Hangup {
        fd: Option<RawFd>,
        _tty: Option<File>,
    }

    impl Hangup {
        pub fn watch() -> Hangup {
            if std::io::stdin().is_terminal() {
                return Hangup {
                    fd: Some(std::io::stdin().as_raw_fd()),
                    _tty: None,
                };
            }
            match File::open("/dev/tty") {
                Ok(tty) => Hangup {
                    fd: Some(tty.as_raw_fd()),
                    _tty: Some(tty),
                },
                Err(_) => Hangup {
                    fd: None,
                    _tty: None,
                },
            }
        }

        /// True once the terminal has hung up (or its descriptor is no longer usable).
        pub fn closed(&self) -> bool {
            let Some(fd) = self.fd else { return false };
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid, initialised pollfd; a zero timeout never blocks.
            let n = unsafe { libc::poll(&mut pfd, 1, 0) };
            n > 0 && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
        }
    }
}

#[cfg(not(unix))]
mod imp {
    /// Elsewhere the console has no hangup to notice; closing it ends the process.
    pub struct Hangup;

    impl Hangup {
        pub fn watch() -> Hangup {
            Hangup
        }

        pub fn closed(&self) -> bool {
            false
        }
    }
}

pub use imp::Hangup;
