package kubetest

import (
	"net"
	"net/url"
	"sync"
	"testing"

	"k8s.io/client-go/tools/clientcmd"
)

// Proxy is a TCP proxy on 127.0.0.1 in front of the API server. It forwards
// bytes and nothing else, so TLS stays end to end between the client and
// kube-apiserver (whose certificate names 127.0.0.1, whatever the port).
// Tests point a client at it to cut that client off the control plane while
// the test keeps talking to it directly, as a network partition would:
// Block, make changes (restart the API server even), Unblock.
type Proxy struct {
	ln     net.Listener
	target string
	done   chan struct{}
	wg     sync.WaitGroup

	mu   sync.Mutex
	open chan struct{}    // closed while unblocked
	gen  int              // counts Blocks; a connection older than the last one is cut off
	live map[net.Conn]int // both ends of each forwarded connection, by the gen they were made in
	held int
}

// StartProxy starts a proxy to e's API server; it stops when the test ends.
func (e *Env) StartProxy(t testing.TB) *Proxy {
	t.Helper()
	u, err := url.Parse(e.Config.Host)
	if err != nil {
		t.Fatalf("API server address %q: %v", e.Config.Host, err)
	}
	return NewProxy(t, u.Host)
}

// NewProxy starts a proxy to target (host:port); it stops when the test
// ends.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	open := make(chan struct{})
	close(open)
	p := &Proxy{ln: ln, target: target, done: make(chan struct{}), open: open, live: map[net.Conn]int{}}
	p.wg.Go(p.accept)
	t.Cleanup(p.close)
	return p
}

// Addr is the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Kubeconfig writes a kubeconfig that reaches e's API server through the
// proxy, with e's credentials, and returns its path.
func (p *Proxy) Kubeconfig(t testing.TB, e *Env) string {
	t.Helper()
	path := e.Kubeconfig(t)
	kc, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range kc.Clusters {
		c.Server = "https://" + p.Addr()
	}
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// Block cuts the client off: from now on nothing more is forwarded on the
// current connections (whatever either side sends is dropped), and new
// connections are accepted but held, unforwarded. Unblock closes the cut
// connections and forwards the held ones.
//
// Cutting rather than closing at once is what a partition does, and it
// keeps the client from reconnecting during the block: a client learns of
// a silent connection only from its HTTP/2 health check (client-go: 30 s
// idle, then a 15 s ping), whereas a new connection that is held fails its
// TLS handshake after 10 s, and a block that spans an API server restart
// can take that long on a loaded machine. So after Unblock the client's
// watches resume, from where they were, on whatever API server is there.
func (p *Proxy) Block() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.open:
		p.open = make(chan struct{})
	default: // already blocked
	}
	p.gen++
}

// Unblock closes the connections Block cut and forwards held and new
// connections again.
func (p *Proxy) Unblock() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c, gen := range p.live {
		if gen != p.gen {
			c.Close()
			delete(p.live, c)
		}
	}
	select {
	case <-p.open:
	default:
		close(p.open)
	}
}

// Held reports how many connections wait for Unblock: a test can wait for
// a client to have tried to connect.
func (p *Proxy) Held() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.held
}

func (p *Proxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.wg.Go(func() { p.serve(c) })
	}
}

// serve waits until the proxy is open, then connects c to the target and
// copies both ways until either side closes or Unblock drops a cut
// connection.
func (p *Proxy) serve(c net.Conn) {
	defer c.Close()
	for {
		p.mu.Lock()
		open, gen := p.open, p.gen
		p.mu.Unlock()
		if !p.wait(open) {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			return // the API server is down: the client sees a closed connection
		}
		p.mu.Lock()
		if gen != p.gen { // blocked while dialing: hold again
			p.mu.Unlock()
			up.Close()
			continue
		}
		p.live[c], p.live[up] = gen, gen
		p.mu.Unlock()
		p.pipe(c, up, gen)
		p.mu.Lock()
		delete(p.live, c)
		delete(p.live, up)
		p.mu.Unlock()
		return
	}
}

// wait blocks until open is closed (true) or the proxy stops (false),
// counting the connection as held meanwhile.
func (p *Proxy) wait(open chan struct{}) bool {
	select {
	case <-open:
		return true
	default:
	}
	p.mu.Lock()
	p.held++
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		p.held--
		p.mu.Unlock()
	}()
	select {
	case <-open:
		return true
	case <-p.done:
		return false
	}
}

// pipe copies a to b and b to a until one direction ends, then closes both
// so that the other ends too.
func (p *Proxy) pipe(a, b net.Conn, gen int) {
	var once sync.Once
	stop := func() { once.Do(func() { a.Close(); b.Close() }) }
	var wg sync.WaitGroup
	wg.Go(func() { p.copy(a, b, gen); stop() })
	wg.Go(func() { p.copy(b, a, gen); stop() })
	wg.Wait()
}

// copy forwards what src sends to dst while the connection, made in gen,
// is not cut; once it is, what src sends is read and dropped until the
// connection is closed.
func (p *Proxy) copy(dst, src net.Conn, gen int) {
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.cut(gen) {
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *Proxy) cut(gen int) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return gen != p.gen
}

// close stops accepting, drops every connection and waits for the copies.
func (p *Proxy) close() {
	close(p.done)
	p.ln.Close()
	p.mu.Lock()
	for c := range p.live {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
}
