/// A JSON string literal for `s`, escaped as the JSON report escapes (for the commands that
/// write small JSON documents of their own: `log`).
public func jsonQuoted(_ s: String) -> String {
    var out = [UInt8]()
    var w = JSONWriter { out.append(contentsOf: $0) }
    w.string(s)
    w.flush()
    return String(decoding: out, as: UTF8.self)
}
