# One CycloneDX SBOM for a container image (scripts/build-images; docs/images.md): the Java part is the module's
# target/bom.json (cyclonedx-maven-plugin: the module and its runtime dependencies), the rest the Debian packages
# installed in the image, read from its /var/lib/dpkg/status.
#   jq -n --slurpfile maven MODULE/target/bom.json --rawfile dpkg STATUS --rawfile osrelease OS_RELEASE \
#     --arg name N --arg version V --arg repository R --arg base B --arg serial urn:uuid:... -f image-sbom.jq
# An empty STATUS (a base without dpkg) gives the Java part only.

# "Key: value" lines of a dpkg stanza or of os-release (continuation lines, which start with a space, are skipped)
def fields(re): [splits("\n") | capture(re)] | map({(.k): .v}) | add // {};
def purl_qualifiers: to_entries | map(select(.value != null and .value != "")) | sort_by(.key)
  | map(.key + "=" + .value) | join("&");

$maven[0] as $m
| ($osrelease | fields("^(?<k>[A-Z_]+)=\"?(?<v>[^\"]*)\"?$")) as $os
| ($os.ID // "debian") as $distro
| [ $dpkg | split("\n\n")[] | fields("^(?<k>[A-Za-z0-9-]+):[ \t]*(?<v>.*)$")
    | select((.Status // "") | endswith(" installed"))
    # Source is "NAME" or "NAME (VERSION)": scanners match security advisories on the source package
    | ((.Source // "") | sub(" .*$"; "")) as $source
    | ("pkg:deb/" + $distro + "/" + (.Package | @uri) + "@" + (.Version | @uri) + "?"
       + ({arch: .Architecture,
           distro: (if $os.VERSION_ID then $distro + "-" + $os.VERSION_ID else null end),
           upstream: (if $source != "" and $source != .Package then ($source | @uri) else null end)}
          | purl_qualifiers)) as $purl
    | {type: "library", "bom-ref": $purl, publisher: .Maintainer, name: .Package, version: .Version, purl: $purl}
    | with_entries(select(.value != null)) ] as $debs
| ($m.metadata.component + {type: "application"}) as $app
| ("pkg:oci/" + $name + "?" + ({repository_url: $repository, tag: $version} | purl_qualifiers)) as $image
| {
    bomFormat: "CycloneDX",
    specVersion: $m.specVersion,
    serialNumber: $serial,
    version: 1,
    metadata: {
      timestamp: $m.metadata.timestamp,
      tools: {components: (($m.metadata.tools.components // []) + [{type: "application", name: "build-images",
        description: "Sidekick's scripts/build-images: the image and its Debian packages (/var/lib/dpkg/status)"}])},
      component: {type: "container", "bom-ref": $image, name: $name, version: $version, purl: $image,
        properties: [{name: "sidekick:base-image", value: $base}]}
    },
    components: ([$app] + $m.components + $debs),
    dependencies: ([{ref: $image, dependsOn: ([$app."bom-ref"] + ($debs | map(."bom-ref")))}]
      + $m.dependencies + ($debs | map({ref: ."bom-ref", dependsOn: []})))
  }
