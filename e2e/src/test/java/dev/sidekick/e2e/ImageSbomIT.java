package dev.sidekick.e2e;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The images' bills of materials in a directory that scripts/build-images wrote, without a cluster (ClusterLoopIT
 * runs the same check on the images it builds):
 * {@code mvn -B -o -pl e2e verify -Dit.test=ImageSbomIT -Dsidekick.sbom.images=$PWD/target/images}.
 */
@EnabledIfSystemProperty(named = "sidekick.sbom.images", matches = ".+")
class ImageSbomIT {
  @Test
  void each_image_carries_its_bill_of_materials_and_the_same_one_lies_beside_its_archive() {
    Path root = Path.of("").toAbsolutePath();
    Path images = root.resolve(System.getProperty("sidekick.sbom.images"));
    Path scratch = Path.of(System.getProperty("sidekick.e2e.work", "e2e/target/e2e")).toAbsolutePath().resolve("sbom-check");
    new ImageSboms(images, scratch, new Shell(root, Map.of()), System.getProperty("sidekick.project.version")).checkAll();
  }
}
