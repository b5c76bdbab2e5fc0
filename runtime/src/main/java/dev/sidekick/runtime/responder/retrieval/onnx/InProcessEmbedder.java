package dev.sidekick.runtime.responder.retrieval.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.sidekick.runtime.responder.retrieval.Embedder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The in-process sentence-embedding model of the JVM image: all-MiniLM-L6-v2, quantized (langchain4j's ONNX
 * packaging; about 1-3 ms a message on these machines). Chosen on measurements against the alternatives that
 * resolve here (docs/runtime-config.md). Loaded on first use, off the start-up thread.
 *
 * <p>The model runs on the calling thread with one ONNX Runtime thread that does not spin: the event's worker
 * thread does the work, and on two shared cores a pool of spinning threads would only compete with the other
 * events (p99 decision time 100 ms with the library's defaults under load, a few ms without).
 *
 * <p>ONNX Runtime extracts its native library under {@code java.io.tmpdir}; the tokenizer (DJL) would extract
 * its own under the home directory, which is read-only in the pod, so it is pointed at {@code java.io.tmpdir}
 * too unless {@code DJL_CACHE_DIR}/{@code ENGINE_CACHE_DIR} say otherwise.
 *
 * <p>This package is not compiled into the native image (the runtime's {@code native} Maven profile): ONNX
 * Runtime in a native image is not reliable. A native image uses an embeddings endpoint instead.
 */
@ApplicationScoped
public class InProcessEmbedder implements Embedder {
  private static final Logger LOG = Logger.getLogger(InProcessEmbedder.class);
  // The quantized all-MiniLM-L6-v2 and its tokenizer, as langchain4j's model jar ships them.
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  // ONNX Runtime loads its natives from this directory when the property names one.
  private static final String ORT_PATH = "onnxruntime.native.path";
  private static final String[] ORT_LIBS = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};

  private volatile EmbeddingModel model;

  @Override
  public String name() {
    return "in-process all-MiniLM-L6-v2 (quantized)";
  }

  @Override
  public List<float[]> embed(List<String> texts, Duration budget) {
    EmbeddingModel m = model();
    return texts.stream().map(t -> m.embed(t).content().vector()).toList();
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          long start = System.nanoTime();
          nativesUnderTmp();
          m = load();
          model = m;
          LOG.infof("%s loaded in %d ms", name(), (System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    return m;
  }

  private static EmbeddingModel load() {
    ClassLoader loader = InProcessEmbedder.class.getClassLoader();
    try (InputStream onnx = loader.getResourceAsStream(MODEL);
        InputStream tokenizer = loader.getResourceAsStream(TOKENIZER)) {
      if (onnx == null || tokenizer == null) {
        throw new IllegalStateException(MODEL + " is missing from the runtime");
      }
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtSession session = environment.createSession(onnx.readAllBytes(), options);
      OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
      return new AbstractInProcessEmbeddingModel(Runnable::run) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }

        @Override
        protected Integer knownDimension() {
          return 384;
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load " + MODEL + ": " + e.getMessage(), e);
    }
  }

  /**
   * Both libraries' natives go to fixed directories under {@code java.io.tmpdir}, reused by the next start: left to
   * itself ONNX Runtime extracts into a new temporary directory each time (16 MB), and a container restarted after
   * a crash would fill the pod's small /tmp.
   */
  private static void nativesUnderTmp() {
    String tmp = System.getProperty("java.io.tmpdir", "/tmp");
    for (String property : new String[] {"DJL_CACHE_DIR", "ENGINE_CACHE_DIR"}) {
      if (System.getProperty(property) == null && System.getenv(property) == null) {
        System.setProperty(property, Path.of(tmp, "sidekick-djl").toString());
      }
    }
    if (System.getProperty(ORT_PATH) == null && "amd64".equals(System.getProperty("os.arch"))
        && System.getProperty("os.name", "").startsWith("Linux")) {
      String version = OrtEnvironment.class.getPackage().getImplementationVersion();
      Path dir = Path.of(tmp, "sidekick-onnxruntime-" + (version == null ? "current" : version));
      try {
        for (String lib : ORT_LIBS) {
          extract("ai/onnxruntime/native/linux-x64/" + lib, dir.resolve(lib));
        }
        System.setProperty(ORT_PATH, dir.toString());
      } catch (IOException e) {
        LOG.warnf("cannot extract ONNX Runtime to %s (%s): it extracts to a temporary directory itself", dir, e.getMessage());
      }
    }
  }

  private static void extract(String resource, Path target) throws IOException {
    try (InputStream in = InProcessEmbedder.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is not in the runtime");
      }
      byte[] bytes = in.readAllBytes();
      if (java.nio.file.Files.isRegularFile(target) && java.nio.file.Files.size(target) == bytes.length) {
        return;
      }
      java.nio.file.Files.createDirectories(target.getParent());
      Path part = java.nio.file.Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
      java.nio.file.Files.write(part, bytes);
      java.nio.file.Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
