package kubetest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
	utilexec "k8s.io/utils/exec"
)

// Kubelet is a fake kubelet: the one seam of a cluster a test machine
// cannot provide. Logs and exec are served by the kubelet of the pod's node
// from the container runtime, and no container runs here. Everything in
// front of it is real: clients call the real kube-apiserver's pods/log and
// pods/exec subresources, and the API server finds this server from a real
// Node object (an InternalIP address and the kubelet port in its status) and
// proxies to it over TLS. The Node declares no ExtendWebSocketsToKubelet
// feature, so the API server translates a client's WebSocket exec to SPDY,
// as it does for every kubelet before 1.36 (the runtimes' streaming server
// used here speaks SPDY and pre-v5 WebSocket only). The API server does not
// verify the kubelet's certificate unless --kubelet-certificate-authority is
// set, which envtest does not set.
//
// The fake serves the kubelet's paths: GET /containerLogs/{ns}/{pod}/{c},
// with canned logs per container, and /exec/{ns}/{pod}/{c}, with the
// streaming server code the container runtimes use
// (k8s.io/cri-streaming) and scripted commands instead of processes.
type Kubelet struct {
	// Node is the name of the Node object that points at this kubelet.
	Node string

	env    *Env
	server *httptest.Server
	ctx    context.Context // done when the kubelet stops, to end blocked commands
	stop   context.CancelFunc

	mu       sync.Mutex
	logs     map[logKey]string
	commands map[string]Command
	requests []Request
}

// Request is one request the kubelet received from the API server.
type Request struct {
	Method string
	Path   string // e.g. /containerLogs/default/web/main
	Query  url.Values
	// Upgrade is the protocol an exec asked to upgrade to ("SPDY/3.1" or
	// "websocket"); Protocol is the stream protocol negotiated over SPDY
	// (e.g. "v4.channel.k8s.io").
	Upgrade, Protocol string
	// Status is the HTTP status the kubelet answered with; 0 when the
	// answer went out on the raw connection (a refused WebSocket handshake).
	Status int
}

// Command is a scripted process for exec: it writes its output and returns
// its exit code. ctx ends when the kubelet stops: like a container's
// process, a command outlives a client that went away.
type Command func(ctx context.Context, stdout, stderr io.Writer) int

// Output is a Command that prints stdout and stderr and exits with code.
func Output(stdout, stderr string, code int) Command {
	return func(_ context.Context, o, e io.Writer) int {
		io.WriteString(o, stdout)
		io.WriteString(e, stderr)
		return code
	}
}

// Sleep is a Command that runs until it is stopped, like `sleep infinity`.
func Sleep(ctx context.Context, _, _ io.Writer) int {
	<-ctx.Done()
	return 137 // killed
}

type logKey struct {
	namespace, pod, container string
	previous                  bool
}

// StartKubelet starts a fake kubelet on loopback and registers a Node for
// it with env's API server. Both go away when the test ends.
func StartKubelet(t testing.TB, env *Env) *Kubelet {
	t.Helper()
	k := &Kubelet{env: env, logs: map[logKey]string{}, commands: map[string]Command{}}
	k.ctx, k.stop = context.WithCancel(context.Background())
	mux := http.NewServeMux()
	mux.HandleFunc("GET /containerLogs/{namespace}/{pod}/{container}", k.serveLogs)
	mux.HandleFunc("/exec/{namespace}/{pod}/{container}", k.serveExec)
	k.server = httptest.NewTLSServer(mux)
	// Close does not wait for hijacked (exec) handlers, and the API server
	// does not end a stream its client left: stop the commands too.
	t.Cleanup(k.server.Close)
	t.Cleanup(k.stop)

	port := k.server.Listener.Addr().(*net.TCPAddr).Port
	k.Node = fmt.Sprintf("node-%d", port)
	nodes := env.Client.CoreV1().Nodes()
	node, err := nodes.Create(t.Context(), &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: k.Node}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("creating node %s: %v", k.Node, err)
	}
	// Only an InternalIP (and no hostname label): the API server's default
	// preference would take a Hostname address first.
	node.Status = corev1.NodeStatus{
		Addresses:       []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "127.0.0.1"}},
		DaemonEndpoints: corev1.NodeDaemonEndpoints{KubeletEndpoint: corev1.DaemonEndpoint{Port: int32(port)}},
		Conditions:      []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady"}},
	}
	if _, err := nodes.UpdateStatus(t.Context(), node, metav1.UpdateOptions{}); err != nil {
		t.Fatalf("reporting the status of node %s: %v", k.Node, err)
	}
	return k
}

// CreatePod creates pod bound to the kubelet's node, as the scheduler would
// bind it, and reports it running, as the kubelet would. The namespace
// defaults to "default".
func (k *Kubelet) CreatePod(t testing.TB, pod *corev1.Pod) *corev1.Pod {
	t.Helper()
	pod = pod.DeepCopy()
	if pod.Namespace == "" {
		pod.Namespace = metav1.NamespaceDefault
	}
	pod.Spec.NodeName = k.Node
	pods := k.env.Client.CoreV1().Pods(pod.Namespace)
	created, err := pods.Create(t.Context(), pod, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("creating pod %s/%s: %v", pod.Namespace, pod.Name, err)
	}
	started := metav1.Now()
	created.Status = corev1.PodStatus{Phase: corev1.PodRunning, HostIP: "127.0.0.1", StartTime: &started,
		Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}
	for _, c := range created.Spec.Containers {
		created.Status.ContainerStatuses = append(created.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: c.Image, ContainerID: "fake://" + c.Name, Ready: true, Started: new(true),
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: started}},
		})
	}
	running, err := pods.UpdateStatus(t.Context(), created, metav1.UpdateOptions{})
	if err != nil {
		t.Fatalf("reporting pod %s/%s running: %v", pod.Namespace, pod.Name, err)
	}
	return running
}

// SetLog sets the log of a container; an unset log is empty.
func (k *Kubelet) SetLog(namespace, pod, container, log string) {
	k.setLog(logKey{namespace, pod, container, false}, log)
}

// SetPreviousLog sets the log of a container's previous instance; without
// it, the container never restarted and reading that log fails.
func (k *Kubelet) SetPreviousLog(namespace, pod, container, log string) {
	k.setLog(logKey{namespace, pod, container, true}, log)
}

func (k *Kubelet) setLog(key logKey, log string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.logs[key] = log
}

// HandleExec scripts what exec of argv runs, in any pod and container.
// Any other command fails as a missing executable does.
func (k *Kubelet) HandleExec(c Command, argv ...string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.commands[strings.Join(argv, "\x00")] = c
}

// Requests returns the requests received so far, oldest first.
func (k *Kubelet) Requests() []Request {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]Request(nil), k.requests...)
}

func (k *Kubelet) serveLogs(w http.ResponseWriter, r *http.Request) {
	w = k.record(w, r)
	q := r.URL.Query()
	key := logKey{r.PathValue("namespace"), r.PathValue("pod"), r.PathValue("container"), q.Get("previous") == "true"}
	k.mu.Lock()
	log, ok := k.logs[key]
	k.mu.Unlock()
	if !ok && key.previous {
		// The kubelet's words for a container that never restarted.
		http.Error(w, fmt.Sprintf("previous terminated container %q in pod %q not found", key.container, key.pod), http.StatusBadRequest)
		return
	}
	if s := q.Get("tailLines"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			http.Error(w, fmt.Sprintf("invalid tailLines %q", s), http.StatusBadRequest)
			return
		}
		log = tail(log, n)
	}
	w.Header().Set("Content-Type", "text/plain")
	io.WriteString(w, log)
}

// tail keeps the last n lines of log; an unterminated last line counts.
func tail(log string, n int) string {
	lines := strings.SplitAfter(log, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines[max(0, len(lines)-n):], "")
}

func (k *Kubelet) serveExec(w http.ResponseWriter, r *http.Request) {
	rec := k.record(w, r)
	opts, err := remotecommand.NewOptions(r)
	if err != nil {
		http.Error(rec, err.Error(), http.StatusBadRequest)
		return
	}
	// A request's context outlives its hijacked connection, and the API
	// server keeps a stream to the kubelet open after its client left (as a
	// runtime keeps the process): stopping the kubelet ends the commands.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	defer context.AfterFunc(k.ctx, cancel)()
	remotecommand.ServeExec(rec, r.WithContext(ctx), executor{k}, r.PathValue("pod"), "", r.PathValue("container"),
		r.URL.Query()["command"], opts, streamIdleTimeout, remotecommand.DefaultStreamCreationTimeout, remotecommand.SupportedStreamingProtocols)
}

// streamIdleTimeout is the kubelet's default
// --streaming-connection-idle-timeout.
const streamIdleTimeout = 4 * time.Hour

// executor runs scripted commands as remotecommand.Executor.
type executor struct{ k *Kubelet }

func (e executor) ExecInContainer(ctx context.Context, _, _, _ string, cmd []string, _ io.Reader, stdout, stderr io.WriteCloser, _ bool, _ <-chan remotecommand.TerminalSize, _ time.Duration) error {
	e.k.mu.Lock()
	c, ok := e.k.commands[strings.Join(cmd, "\x00")]
	e.k.mu.Unlock()
	if !ok {
		// What container runtimes report for a command they cannot start.
		return fmt.Errorf("exec: %q: executable file not found in $PATH", strings.Join(cmd, " "))
	}
	if code := c(ctx, orDiscard(stdout), orDiscard(stderr)); code != 0 {
		// ServeExec reports an ExitError as a NonZeroExitCode status.
		return utilexec.CodeExitError{Err: fmt.Errorf("command terminated with exit code %d", code), Code: code}
	}
	return nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// recorder notes a request, the status it got and, for exec, the
// negotiated stream protocol.
type recorder struct {
	http.ResponseWriter
	k     *Kubelet
	i     int // index in k.requests
	wrote bool
}

func (k *Kubelet) record(w http.ResponseWriter, r *http.Request) *recorder {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.requests = append(k.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Upgrade: r.Header.Get("Upgrade")})
	return &recorder{ResponseWriter: w, k: k, i: len(k.requests) - 1}
}

func (r *recorder) WriteHeader(code int) {
	if r.wrote {
		return
	}
	r.wrote = true
	r.k.mu.Lock()
	req := &r.k.requests[r.i]
	req.Status = code
	req.Protocol = r.Header().Get("X-Stream-Protocol-Version")
	r.k.mu.Unlock()
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.ResponseWriter.Write(b)
}

// Unwrap lets the WebSocket code find the connection to upgrade.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// Hijack hands the connection to SPDY, which asserts http.Hijacker.
func (r *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(r.ResponseWriter).Hijack()
}
