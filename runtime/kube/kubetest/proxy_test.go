package kubetest

import (
	"bufio"
	"io"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// echoServer echoes lines back and records what it accepted and read, so
// the test can tell what the proxy forwarded.
type echoServer struct {
	addr     string
	accepted atomic.Int32

	mu    sync.Mutex
	lines []string
}

func startEcho(t *testing.T) *echoServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	e := &echoServer{addr: ln.Addr().String()}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			e.accepted.Add(1)
			go e.echo(c)
		}
	}()
	return e
}

func (e *echoServer) echo(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		e.mu.Lock()
		e.lines = append(e.lines, line)
		e.mu.Unlock()
		if _, err := io.WriteString(c, line); err != nil {
			return
		}
	}
}

func (e *echoServer) read() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.lines)
}

// roundTrip sends a line and reads it back.
func roundTrip(c net.Conn, r *bufio.Reader, line string) (string, error) {
	if _, err := io.WriteString(c, line+"\n"); err != nil {
		return "", err
	}
	return readLine(c, r)
}

// readLine reads a line, bounded by a deadline so that a broken proxy
// fails the test instead of hanging it.
func readLine(c net.Conn, r *bufio.Reader) (string, error) {
	if err := c.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		return "", err
	}
	return r.ReadString('\n')
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestProxyBlockCutsAndHolds(t *testing.T) {
	echo := startEcho(t)
	p := NewProxy(t, echo.addr)

	before := dial(t, p.Addr())
	r := bufio.NewReader(before)
	if got, err := roundTrip(before, r, "hello"); err != nil || got != "hello\n" {
		t.Fatalf("through the open proxy: %q, %v", got, err)
	}

	p.Block()
	// The cut connection stays open but carries nothing: this line is
	// dropped, which the echo server's record shows below.
	if _, err := io.WriteString(before, "cut\n"); err != nil {
		t.Fatal(err)
	}
	held := dial(t, p.Addr())
	Eventually(t, 10*time.Second, "the new connection to be held", func() bool { return p.Held() == 1 })
	// Held means not forwarded: the target saw only the first connection.
	if n := echo.accepted.Load(); n != 1 {
		t.Fatalf("target accepted %d connections while blocked, want 1", n)
	}

	p.Unblock()
	// The cut connection is closed: its client reads EOF, not a late echo.
	if got, err := readLine(before, r); err != io.EOF {
		t.Fatalf("cut connection after Unblock: read %q, %v; want EOF", got, err)
	}
	if got, err := roundTrip(held, bufio.NewReader(held), "late"); err != nil || got != "late\n" {
		t.Fatalf("held connection after Unblock: %q, %v", got, err)
	}
	if d := cmp.Diff([]string{"hello\n", "late\n"}, echo.read()); d != "" {
		t.Errorf("lines the target read (-want +got):\n%s", d)
	}
	if p.Held() != 0 || echo.accepted.Load() != 2 {
		t.Fatalf("after Unblock: %d held, %d accepted; want 0 and 2", p.Held(), echo.accepted.Load())
	}
}

func TestProxyUnblockIsIdempotent(t *testing.T) {
	echo := startEcho(t)
	p := NewProxy(t, echo.addr)
	p.Unblock() // already open: no panic on a closed channel
	p.Block()
	p.Block()
	p.Unblock()
	p.Unblock()
	c := dial(t, p.Addr())
	if got, err := roundTrip(c, bufio.NewReader(c), "ok"); err != nil || got != "ok\n" {
		t.Fatalf("after Block, Block, Unblock, Unblock: %q, %v", got, err)
	}
}
