package io.confero.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real Chromium accepts what we generate: a live publish offer (audio + 3-layer simulcast video)
 * answered by {@link PublishAnswerer} is accepted by {@code setRemoteDescription}; our
 * {@link SubscribeOfferer} offers (initial, track ended, track added) are accepted and Chromium's
 * answers pass {@link SubscribeAnswerParser}. Only SDP is exchanged: no media, and the only
 * candidates are ours on loopback. Skipped where /usr/bin/chromium or chromedriver is missing.
 */
class ChromiumSdpInteropTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void startChromium() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER)),
                "Chromium not installed");
        profile = Files.createTempDirectory("confero-sdp-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.get("about:blank");
    }

    @AfterAll
    static void stopChromium() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static Object js(String asyncBody, Object... args) {
        String script = "const done = arguments[arguments.length - 1];"
                + "(async () => {" + asyncBody + "})().then(done, e => done('ERROR: ' + e));";
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    @Test
    void chromiumAcceptsOurPublishAnswer() throws Exception {
        Object offerSdp = js("""
                const canvas = document.createElement('canvas'); canvas.width = 1280; canvas.height = 720;
                const ctx = canvas.getContext('2d'); ctx.fillRect(0, 0, 10, 10);
                const video = canvas.captureStream(30).getVideoTracks()[0];
                const audio = new AudioContext().createMediaStreamDestination().stream.getAudioTracks()[0];
                window.pub = new RTCPeerConnection({bundlePolicy: 'max-bundle'});
                pub.addTransceiver(audio, {direction: 'sendonly'});
                pub.addTransceiver(video, {direction: 'sendonly', sendEncodings: [
                    {rid: 'q', scaleResolutionDownBy: 4}, {rid: 'h', scaleResolutionDownBy: 2}, {rid: 'f'}]});
                const offer = await pub.createOffer();
                await pub.setLocalDescription(offer);
                return offer.sdp;""");
        assertThat(offerSdp).asString().doesNotStartWith("ERROR");
        SessionDescription offer = SdpParser.parse((String) offerSdp);
        PublishAnswer answer = new PublishAnswerer(MediaCapabilities.defaults())
                .answer(offer, TestTransports.LOCAL, 1234, 1);
        assertThat(answer.tracks()).hasSize(2);
        assertThat(answer.tracks().get(1).rids()).containsExactly("q", "h", "f");
        Object result = js("""
                await pub.setRemoteDescription({type: 'answer', sdp: arguments[0]});
                const t = pub.getTransceivers();
                return {dirs: t.map(x => x.currentDirection).join(','),
                        layers: t[1].sender.getParameters().encodings.length,
                        codec: pub.remoteDescription.sdp.includes('a=simulcast:recv q;h;f')};""", answer.sdp());
        assertThat(result).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) result;
        assertThat(map).containsEntry("dirs", "sendonly,sendonly").containsEntry("layers", 3L)
                .containsEntry("codec", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-bundle", "balanced"})
    void recvonlyFirstSectionStaysBundledAndDataChannelIsRejected(String bundlePolicy) throws Exception {
        Object offerSdp = js("""
                const canvas = document.createElement('canvas'); canvas.getContext('2d').fillRect(0, 0, 1, 1);
                window.pub2 = new RTCPeerConnection({bundlePolicy: arguments[0]});
                pub2.addTransceiver('audio', {direction: 'recvonly'});
                pub2.addTransceiver(canvas.captureStream(10).getVideoTracks()[0], {direction: 'sendonly'});
                pub2.createDataChannel('chat');
                const offer = await pub2.createOffer();
                await pub2.setLocalDescription(offer);
                return offer.sdp;""", bundlePolicy);
        SessionDescription offer = SdpParser.parse((String) offerSdp);
        PublishAnswer answer = new PublishAnswerer(MediaCapabilities.defaults())
                .answer(offer, TestTransports.LOCAL, 1, 1);
        assertThat(answer.inactiveMids()).containsExactly("0");
        assertThat(answer.rejectedMids()).containsExactly("2");
        assertThat(answer.tracks()).extracting(PublishedTrack::mid).containsExactly("1");
        Object result = js("""
                await pub2.setRemoteDescription({type: 'answer', sdp: arguments[0]});
                return pub2.getTransceivers().map(t => t.mid + ':' + t.currentDirection).join(',')
                    + '|' + pub2.sctp;""", answer.sdp());
        assertThat(result).isEqualTo("0:inactive,1:sendonly|null");
    }

    @Test
    void chromiumAnswersOurSubscribeOffersThroughRenegotiation() throws Exception {
        SubscribeOfferer offerer = new SubscribeOfferer(TestTransports.LOCAL);
        SubscribeOffer first = offerer.offer(SubscribeState.initial(99),
                List.of(SubscribeOffererTest.ALICE_AUDIO, SubscribeOffererTest.ALICE_VIDEO));
        js("window.sub = new RTCPeerConnection(); return 'ok';");
        SubscribeAnswer a1 = negotiate(first);
        assertThat(a1.setup()).isEqualTo(Setup.ACTIVE);
        assertThat(a1.sections()).allMatch(SubscribeAnswer.Section::accepted);
        assertThat(a1.section("v1").orElseThrow().payloadTypes()).containsExactly(96, 97);
        assertThat(a1.section("a0").orElseThrow().headerExtensions()).containsEntry(MediaCapabilities.AUDIO_LEVEL, 1);
        assertThat(transceivers()).isEqualTo("a0:recvonly:live,v1:recvonly:live");
        js("window.v1track = sub.getTransceivers()[1].receiver.track; return 'ok';");

        SubscribeOffer second = offerer.offer(first.state(), List.of(SubscribeOffererTest.ALICE_AUDIO));
        SubscribeAnswer a2 = negotiate(second);
        assertThat(a2.section("v1").orElseThrow().accepted()).isFalse();
        // a port-0 m-section stops its transceiver: it leaves getTransceivers() and its track ends
        assertThat(transceivers()).isEqualTo("a0:recvonly:live");
        assertThat(js("return v1track.readyState;")).isEqualTo("ended");

        SubscribeOffer third = offerer.offer(second.state(),
                List.of(SubscribeOffererTest.ALICE_AUDIO, SubscribeOffererTest.BOB_VIDEO));
        SubscribeAnswer a3 = negotiate(third);
        assertThat(a3.sections()).extracting(SubscribeAnswer.Section::accepted).containsExactly(true, false, true);
        assertThat(transceivers()).isEqualTo("a0:recvonly:live,v2:recvonly:live");

        SubscribeOffer fourth = offerer.offer(third.state(), List.of(SubscribeOffererTest.BOB_VIDEO));
        SubscribeAnswer a4 = negotiate(fourth);
        assertThat(a4.section("a0").orElseThrow().direction()).isEqualTo(Direction.INACTIVE);
        assertThat(transceivers()).isEqualTo("a0:inactive:live,v2:recvonly:live");
    }

    private static SubscribeAnswer negotiate(SubscribeOffer offer) throws Exception {
        Object answer = js("""
                await sub.setRemoteDescription({type: 'offer', sdp: arguments[0]});
                const answer = await sub.createAnswer();
                await sub.setLocalDescription(answer);
                return answer.sdp;""", offer.sdp());
        assertThat(answer).asString().doesNotStartWith("ERROR");
        return SubscribeAnswerParser.parse(offer.offer(), (String) answer);
    }

    private static String transceivers() {
        Object r = js("return sub.getTransceivers().map(t => t.mid + ':' + t.currentDirection + ':'"
                + " + t.receiver.track.readyState).join(',');");
        return (String) r;
    }
}
