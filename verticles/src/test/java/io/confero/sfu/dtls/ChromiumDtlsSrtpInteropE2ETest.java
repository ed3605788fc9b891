package io.confero.sfu.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.confero.media.srtp.SrtpSession;
import io.confero.sfu.ice.IceCheckResult;
import io.confero.sfu.ice.IceCredentials;
import io.confero.sfu.ice.IceLiteAgent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium publishes audio to an ICE-lite + DTLS-SRTP endpoint built from
 * {@link IceLiteAgent}, {@link DtlsEndpoint} (as DTLS server with {@code setup:passive}, and as client with
 * {@code setup:active}) and
 * {@link SrtpSession}; the test counts Opus packets that authenticate and decrypt.
 *
 * <p>It runs inside a network namespace with only {@code lo} (see TESTING-WEBRTC.md): it is an
 * {@link io.confero.e2e.EndToEnd} test, run by the e2e execution of {@code mvn test} (docs/testing.md).
 */
@io.confero.e2e.EndToEnd
class ChromiumDtlsSrtpInteropE2ETest {
    private static final String PAGE = "<!doctype html><title>confero interop</title>";
    private static final String OFFER_SCRIPT = """
            const done = arguments[arguments.length - 1];
            (async () => {
              const stream = await navigator.mediaDevices.getUserMedia({audio: true});
              const pc = new RTCPeerConnection({bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
              window.pc = pc;
              pc.addTransceiver(stream.getAudioTracks()[0], {direction: 'sendonly'});
              await pc.setLocalDescription(await pc.createOffer());
              done(pc.localDescription.sdp);
            })().catch(e => done('ERROR ' + e));
            """;
    private static final String ANSWER_SCRIPT = """
            const done = arguments[arguments.length - 1];
            window.pc.setRemoteDescription({type: 'answer', sdp: arguments[0]})
              .then(() => done('ok'), e => done('ERROR ' + e));
            """;

    @TempDir
    Path profileDir;

    @ParameterizedTest
    @EnumSource(DtlsRole.class)
    void chromiumAudioArrivesThroughIceDtlsAndSrtp(DtlsRole ourRole) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")));
        ExecutorService workers = Executors.newFixedThreadPool(2);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", ex -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        ChromeDriver driver = null;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            driver = chromium();
            driver.get("http://127.0.0.1:" + http.getAddress().getPort() + "/");
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            String offer = (String) ((JavascriptExecutor) driver).executeAsyncScript(OFFER_SCRIPT);
            assertThat(offer).doesNotStartWith("ERROR");

            Media media = new Media(socket, workers, offer, ourRole);
            Thread loop = new Thread(media::run, "interop-udp");
            loop.setDaemon(true);
            loop.start();
            Object answered = ((JavascriptExecutor) driver).executeAsyncScript(ANSWER_SCRIPT, media.answer());
            assertThat(answered).isEqualTo("ok");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> media.opusPackets.get() >= 50 || media.events.failed.isDone()
                        || media.srtpFailures.get() > 0);
            assertThat(media.events.failed).as("DTLS failure %s, dtls datagrams in %s, srtp failures %s",
                    media.events.failed.getNow(null), media.dtlsIn.get(), media.srtpFailures.get()).isNotDone();
            assertThat(media.srtpFailures.get()).isZero();
            assertThat(media.agent.selectedAddress()).isNotNull();
            assertThat(media.dtls.isConnected()).isTrue();
            if (ourRole == DtlsRole.SERVER) {
                // Chromium offers all three profiles; our preference picks AEAD_AES_128_GCM
                assertThat(media.srtp.get().profile()).isEqualTo(io.confero.media.srtp.SrtpProfile.AEAD_AES_128_GCM);
            }
            media.dtls.close();
        } finally {
            if (driver != null) {
                driver.quit();
            }
            http.stop(0);
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The server side: one UDP socket demultiplexed per RFC 7983. */
    private static final class Media {
        final DatagramSocket socket;
        final IceLiteAgent agent = new IceLiteAgent(IceCredentials.generate(new SecureRandom()), 0);
        final DtlsCertificate cert = DtlsCertificate.generate();
        final DtlsEndpoint dtls;
        final AtomicReference<SrtpSession> srtp = new AtomicReference<>();
        final AtomicReference<InetSocketAddress> peer = new AtomicReference<>();
        final AtomicInteger opusPackets = new AtomicInteger();
        final AtomicInteger srtpFailures = new AtomicInteger();
        final String mid;
        final DtlsRole role;
        final Recorder events;
        final AtomicInteger dtlsIn = new AtomicInteger();

        Media(DatagramSocket socket, ExecutorService workers, String offer, DtlsRole role) {
            this.socket = socket;
            this.role = role;
            this.mid = find(offer, "a=mid:(\\S+)");
            agent.setRemoteUfrag(find(offer, "a=ice-ufrag:(\\S+)"));
            events = new Recorder() {
                @Override
                public void onConnected(io.confero.media.srtp.SrtpKeys keys) {
                    srtp.set(dtls.newSrtpSession(keys));
                    super.onConnected(keys);
                }
            };
            dtls = new DtlsEndpoint(role, cert, find(offer, "a=fingerprint:sha-256 (\\S+)"),
                    DtlsOptions.defaults(), this::send, workers, events);
            if (role == DtlsRole.SERVER) {
                dtls.start();
            }
        }

        String answer() {
            IceCredentials ice = agent.localCredentials();
            int port = socket.getLocalPort();
            return String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                    "a=group:BUNDLE " + mid, "a=ice-lite",
                    "m=audio " + port + " UDP/TLS/RTP/SAVPF 111", "c=IN IP4 127.0.0.1",
                    "a=mid:" + mid, "a=recvonly", "a=rtcp-mux",
                    "a=ice-ufrag:" + ice.ufrag(), "a=ice-pwd:" + ice.pwd(),
                    "a=fingerprint:sha-256 " + cert.fingerprintSha256(),
                    role == DtlsRole.SERVER ? "a=setup:passive" : "a=setup:active",
                    "a=rtpmap:111 opus/48000/2", "a=fmtp:111 minptime=10;useinbandfec=1",
                    "a=candidate:1 1 udp 2130706431 127.0.0.1 " + port + " typ host",
                    "a=end-of-candidates", "");
        }

        void run() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                } catch (java.io.IOException e) {
                    return;
                }
                handle(Arrays.copyOf(p.getData(), p.getLength()), (InetSocketAddress) p.getSocketAddress());
            }
        }

        private void handle(byte[] d, InetSocketAddress from) {
            int first = d.length > 0 ? d[0] & 0xFF : -1;
            if (first >= 0 && first <= 3) {
                IceCheckResult r = agent.handleBindingRequest(d, 0, d.length, from, System.currentTimeMillis());
                if (r.isSuccess()) {
                    if (peer.compareAndSet(null, from) && role == DtlsRole.CLIENT) {
                        dtls.start();
                    }
                    if (r.selectedAddressChanged()) {
                        peer.set(from);
                    }
                }
                if (r.hasResponse()) {
                    sendTo(r.response(), from);
                }
            } else if (first >= 20 && first <= 63) {
                dtlsIn.incrementAndGet();
                dtls.deliver(d);
            } else if (first >= 128 && first <= 191) {
                int packetType = d.length > 1 ? d[1] & 0xFF : 0;
                SrtpSession s = srtp.get();
                if (s == null || (packetType >= 192 && packetType <= 223)) {
                    return;
                }
                int len = s.unprotectRtp(Arrays.copyOf(d, d.length), 0, d.length);
                if (len < 0) {
                    srtpFailures.incrementAndGet();
                } else if ((d[1] & 0x7F) == 111) {
                    opusPackets.incrementAndGet();
                }
            }
        }

        private void send(byte[] d) {
            InetSocketAddress to = peer.get();
            if (to != null) {
                sendTo(d, to);
            }
        }

        private void sendTo(byte[] d, InetSocketAddress to) {
            try {
                socket.send(new DatagramPacket(d, d.length, to));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String find(String sdp, String regex) {
            Matcher m = Pattern.compile(regex).matcher(sdp);
            if (!m.find()) {
                throw new IllegalArgumentException("offer lacks " + regex);
            }
            return m.group(1);
        }
    }
}
