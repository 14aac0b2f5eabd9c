/// The release number, written here and nowhere else, and the commit it was built from
/// (`buildCommit`, from the BuildCommit plugin): `0.6.0 (abc1234)`, `0.6.0 (abc1234-dirty)`,
/// or `0.6.0` when built outside a git checkout.
enum Version {
    static let number = "0.6.0"
    static let text = buildCommit.map { "\(number) (\($0))" } ?? number
}
