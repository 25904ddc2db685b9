//! A fault-injecting HTTP proxy between the browser and the reference server, for the
//! outbox's tests: reads pass through untouched; each write (POST, PUT, DELETE) meets the
//! next fault of a plan the test sets. One request per connection (the proxy answers with
//! `Connection: close`), so every fault is about one request.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What happens to one write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Passed through.
    None,
    /// Passed to the server, which saves it; the answer is thrown away and the connection
    /// closed (the browser sees a network error after the write landed).
    DropAnswer,
    /// The connection is reset before anything reaches the server.
    Reset,
    /// A 502 with an HTML page, as a load balancer answers; nothing reaches the server.
    BadGateway,
    /// Nothing for this long, then the request is passed through (a slow network: the
    /// widget's timeout fires first, and the write lands afterwards).
    Hang(Duration),
}

/// The running proxy; it stops with the test process.
pub struct FaultProxy {
    addr: SocketAddr,
    plan: Arc<Mutex<VecDeque<Fault>>>,
    counts: Arc<Counts>,
}

/// Writes seen: reaching the proxy, and reaching the server (answered by it).
#[derive(Default)]
struct Counts {
    writes: AtomicUsize,
    landed: AtomicUsize,
}

impl FaultProxy {
    /// A proxy on a free port of 127.0.0.1 in front of `upstream`.
    pub fn start(upstream: SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the proxy");
        let addr = listener.local_addr().expect("the proxy's address");
        let plan = Arc::new(Mutex::new(VecDeque::new()));
        let counts = Arc::new(Counts::default());
        let (accept_plan, accept_counts) = (Arc::clone(&plan), Arc::clone(&counts));
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (plan, counts) = (Arc::clone(&accept_plan), Arc::clone(&accept_counts));
                std::thread::spawn(move || serve(client, upstream, &plan, &counts));
            }
        });
        Self { addr, plan, counts }
    }

    /// `http://127.0.0.1:PORT`
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The faults the next writes meet, in order (after them, writes pass).
    pub fn plan(&self, faults: impl IntoIterator<Item = Fault>) {
        let mut plan = self.plan.lock().expect("the plan");
        plan.clear();
        plan.extend(faults);
    }

    /// How many writes reached the proxy so far.
    pub fn writes(&self) -> usize {
        self.counts.writes.load(Ordering::SeqCst)
    }

    /// How many writes the server answered so far (whatever the browser then got).
    pub fn landed(&self) -> usize {
        self.counts.landed.load(Ordering::SeqCst)
    }
}

/// One request: read it, meet its fault, answer.
fn serve(mut client: TcpStream, upstream: SocketAddr, plan: &Mutex<VecDeque<Fault>>, counts: &Counts) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
    let Some(request) = read_request(&mut client) else {
        return;
    };
    let is_write = ["POST ", "PUT ", "DELETE "]
        .iter()
        .any(|method| request.starts_with(method.as_bytes()));
    let fault = if is_write {
        counts.writes.fetch_add(1, Ordering::SeqCst);
        plan.lock()
            .ok()
            .and_then(|mut plan| plan.pop_front())
            .unwrap_or(Fault::None)
    } else {
        Fault::None
    };
    let pass = |request: &[u8]| {
        let answer = forward(request, upstream);
        if is_write && answer.is_some() {
            counts.landed.fetch_add(1, Ordering::SeqCst);
        }
        answer
    };
    match fault {
        Fault::Reset => {
            // With a zero linger time, closing sends RST instead of FIN.
            let _ = socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO));
            drop(client);
        }
        Fault::BadGateway => {
            let page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>\
                        <body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>";
            let answer = format!(
                "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\
                 Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
            let _ = client.write_all(answer.as_bytes());
        }
        Fault::DropAnswer => {
            let _ = pass(&request);
            let _ = client.shutdown(Shutdown::Both);
        }
        Fault::Hang(pause) => {
            std::thread::sleep(pause);
            if let Some(answer) = pass(&request) {
                let _ = client.write_all(&answer);
            }
        }
        Fault::None => match pass(&request) {
            Some(answer) => {
                let _ = client.write_all(&answer);
            }
            None => {
                let _ = client.shutdown(Shutdown::Both);
            }
        },
    }
}

/// Reads one request (headers and a `Content-Length` body), rewritten to close its
/// connection after the answer.
fn read_request(client: &mut TcpStream) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            break end + 4;
        }
        let read = client.read(&mut chunk).ok().filter(|&read| read > 0)?;
        data.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0);
    while data.len() < head_end + length {
        let read = client.read(&mut chunk).ok().filter(|&read| read > 0)?;
        data.extend_from_slice(&chunk[..read]);
    }
    let mut request: Vec<u8> = head
        .lines()
        .filter(|line| {
            !line.is_empty()
                && !line.to_ascii_lowercase().starts_with("connection:")
                && !line.to_ascii_lowercase().starts_with("keep-alive:")
        })
        .flat_map(|line| format!("{line}\r\n").into_bytes())
        .collect();
    request.extend_from_slice(b"Connection: close\r\n\r\n");
    request.extend_from_slice(&data[head_end..head_end + length]);
    Some(request)
}

/// Sends `request` to the server; its whole answer (it closes the connection after it).
fn forward(request: &[u8], upstream: SocketAddr) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).ok()?;
    server.write_all(request).ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).ok()?;
    Some(answer)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}
