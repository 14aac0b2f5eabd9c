import Foundation
import PackagePlugin

/// Puts the git commit the executable is built from into it, as `buildCommit` (a Swift
/// file in the plugin's output folder): `--version` then prints e.g. `0.6.0 (abc1234)`, with
/// `-dirty` when what it is built from (Package.swift, the folders of the targets in it)
/// has uncommitted changes. Outside a checkout (a source tarball) or without git,
/// `buildCommit` is nil and the version is the number alone.
///
/// A build command whose inputs are what a commit, a checkout or an edit changes: git's
/// `HEAD`, its reflog and index, and those sources. (A prebuild command would not
/// do: SwiftPM runs those only when it plans the build again, which a commit does not cause.)
/// The file is rewritten only when its text changes, so a rerun that finds the same commit
/// rebuilds nothing. git runs here, at build time: never when the editor starts.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        // What goes into the binary from this package: the target and the targets it depends
        // on here (not tests or benchmarks, nor the targets of other packages).
        let ownTargets = Set(context.package.targets.map(\.id))
        let modules = ([target] + target.recursiveTargetDependencies).filter { ownTargets.contains($0.id) }
        var root = package.standardizedFileURL.path(percentEncoded: false)
        if !root.hasSuffix("/") { root += "/" }
        let folders = modules.map { module in
            String(module.directoryURL.standardizedFileURL.path(percentEncoded: false).dropFirst(root.count))
        }
        let sources = modules.compactMap { $0 as? SourceModuleTarget }.flatMap { $0.sourceFiles.map(\.url) }
        let gitFiles = gitDirectory(of: package).map { git in
            ["HEAD", "logs/HEAD", "index"].map { git.appending(path: $0) }
                .filter { FileManager.default.fileExists(atPath: $0.path(percentEncoded: false)) }
        } ?? []
        return [.buildCommand(
            displayName: "Reading the git commit for --version",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "build-commit", package.path(percentEncoded: false),
                        output.path(percentEncoded: false), "Package.swift"] + folders,
            inputFiles: gitFiles + [package.appending(path: "Package.swift")] + sources,
            outputFiles: [output])]
    }

    /// The package's own git folder: `.git` itself, or where a `.git` file (a linked work
    /// tree, a submodule) points. nil when the package folder is not a checkout.
    private func gitDirectory(of package: URL) -> URL? {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path(percentEncoded: false), isDirectory: &isFolder) else {
            return nil
        }
        if isFolder.boolValue { return dotGit }
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
        let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
    }

    /// `$1` the package folder, `$2` the Swift file to write, then the paths whose changes
    /// make the build dirty. Only a package folder that is itself a checkout counts (not a
    /// tarball unpacked inside some other repository), and any git failure means "no
    /// commit", never a failed build.
    private let script = #"""
        unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
        package=$1 output=$2; shift 2
        commit=nil
        if [ -e "$package/.git" ] && command -v git >/dev/null 2>&1 \
           && hash=$(git -C "$package" rev-parse --short=7 HEAD 2>/dev/null); then
            changes=$(git -C "$package" --no-optional-locks status --porcelain --untracked-files=no -- "$@" 2>/dev/null) \
                || changes=
            [ -n "$changes" ] && hash="$hash-dirty"
            commit="\"$hash\""
        fi
        text="// Written at build time by the BuildCommit plugin (Plugins/BuildCommit).
        let buildCommit: String? = $commit"
        if [ "$(cat "$output" 2>/dev/null)" != "$text" ]; then
            printf '%s\n' "$text" > "$output.new" && mv "$output.new" "$output"
        fi
        """#
}
