package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// writeCert writes a self-signed certificate for 127.0.0.1 and its key,
// and returns their paths and a pool trusting the certificate.
func writeCert(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "vigil test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// vigil serve --tls-cert --tls-key answers HTTPS with the certificate,
// refuses plain HTTP, and vigil healthcheck speaks HTTPS to it.
func TestServeTLS(t *testing.T) {
	cert, key, pool := writeCert(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"vigil", "serve", "--open", "--lists", unListsDir(t), "--addr", "127.0.0.1:0",
			"--tls-cert", cert, "--tls-key", key}, io.Discard, stderr)
	}()
	addrRE := regexp.MustCompile(`addr=https://(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(10 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("no https address logged:\n%s", stderr.String())
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("https: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.TLS == nil {
		t.Fatalf("https healthz: %d", resp.StatusCode)
	}
	resp, err = http.Get("http://" + addr + "/healthz")
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Errorf("plain HTTP answered 200 on the TLS port")
		}
	}
	out, _, err := runVigil(t, "healthcheck", "--addr", addr, "--tls-cert", cert)
	if err != nil || !strings.Contains(out, "https://") {
		t.Errorf("healthcheck over TLS: %v %s", err, out)
	}
	if _, _, err := runVigil(t, "healthcheck", "--addr", addr); err == nil {
		t.Errorf("a plain HTTP healthcheck of a TLS server passed")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}

	// A key without its certificate, or a bad file, stops serve at once.
	if _, _, err := runVigil(t, "serve", "--open", "--lists", unListsDir(t), "--addr", "127.0.0.1:0", "--tls-key", key); err == nil ||
		!strings.Contains(err.Error(), "--tls-cert and --tls-key") {
		t.Errorf("--tls-key alone: %v", err)
	}
	if _, _, err := runVigil(t, "serve", "--open", "--lists", unListsDir(t), "--addr", "127.0.0.1:0", "--tls-cert", key, "--tls-key", key); err == nil ||
		!strings.Contains(err.Error(), key) {
		t.Errorf("a key as certificate: %v", err)
	}
}
