//! A TCP listener whose connections a handler can cut, for the "connection drops after
//! K bytes of a chunk" fault.
//!
//! Each accepted socket is wrapped in [`KillableIo`]; its [`Peer`] (reachable from a
//! handler through `ConnectInfo`) holds the switch. Once killed, every read and write
//! fails, hyper drops the socket and the client sees the connection close mid-body,
//! exactly like a network failure. Nothing else may use the switch.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// The switch shared by a connection and the handlers serving it.
#[derive(Debug, Default)]
struct Switch {
    killed: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

/// The client end of one connection, as handlers see it.
#[derive(Debug, Clone)]
pub struct Peer {
    /// The client's address.
    pub addr: SocketAddr,
    switch: Arc<Switch>,
}

impl Peer {
    /// Closes the connection: no answer is sent, pending reads and writes fail.
    pub fn kill(&self) {
        self.switch.killed.store(true, Ordering::SeqCst);
        let waker = self
            .switch
            .waker
            .lock()
            .ok()
            .and_then(|mut slot| slot.take());
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// A TCP listener handing out killable connections.
#[derive(Debug)]
pub struct KillableListener {
    inner: TcpListener,
}

impl KillableListener {
    /// Wraps a bound listener.
    pub fn new(inner: TcpListener) -> Self {
        KillableListener { inner }
    }
}

impl Listener for KillableListener {
    type Io = KillableIo;
    type Addr = Peer;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    let switch = Arc::new(Switch::default());
                    let io = KillableIo {
                        stream,
                        switch: switch.clone(),
                    };
                    return (io, Peer { addr, switch });
                }
                // Out of descriptors and similar: wait a little instead of spinning.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(10)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(Peer {
            addr: self.inner.local_addr()?,
            switch: Arc::new(Switch::default()),
        })
    }
}

impl Connected<IncomingStream<'_, KillableListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, KillableListener>) -> Self {
        stream.remote_addr().clone()
    }
}

/// A TCP stream that fails every operation once its [`Peer`] was killed.
#[derive(Debug)]
pub struct KillableIo {
    stream: TcpStream,
    switch: Arc<Switch>,
}

impl KillableIo {
    fn check(&self, cx: &mut Context<'_>) -> io::Result<()> {
        if self.switch.killed.load(Ordering::SeqCst) {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "connection cut by a fault",
            ));
        }
        if let Ok(mut slot) = self.switch.waker.lock() {
            *slot = Some(cx.waker().clone());
        }
        Ok(())
    }
}

impl AsyncRead for KillableIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Err(error) = self.check(cx) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Err(error) = self.check(cx) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Err(error) = self.check(cx) {
            return Poll::Ready(Err(error));
        }
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
