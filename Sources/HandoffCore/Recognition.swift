/// How a heading's or label's text is read as one of the six sections (docs/FORMAT.md,
/// "Reading titles"): normalize the decoration away, take the part before a separator,
/// strip qualifier words, then look the rest up in one table of names (titles, synonyms,
/// phrases, and a table per language). False friends ("Open questions", "To be decided")
/// are in the table too, and veto. The work is per heading, never per line.
public struct Recognition: Sendable, Equatable {
    public enum Rule: String, Sendable {
        case exactTitle = "exact title"
        case synonym
        case qualifier
        case phrase
        case language = "language table"
        case mapping = "mapping file"
    }

    public enum Miss: String, Sendable {
        case unknown
        case falseFriend = "false friend"
        case mappedToNone = "mapping file says none"
    }

    /// The keys the text names: none, one, or two for a heading like "Blockers / Gotchas"
    /// (the first named owns the section; see `Section.sharedFrom`).
    public let keys: [SectionKey]
    public let rule: Rule?
    public let miss: Miss?
    /// The name matched in the table (normalized), or the false friend, for `--explain`.
    public let name: String
    /// The table's language for `.language` ("de", "ja", …).
    public let language: String?

    public var key: SectionKey? { keys.first }

    static func hit(_ keys: [SectionKey], _ rule: Rule, _ name: String, _ language: String? = nil) -> Recognition {
        Recognition(keys: keys, rule: rule, miss: nil, name: name, language: language)
    }

    static func none(_ miss: Miss, _ name: String) -> Recognition {
        Recognition(keys: [], rule: nil, miss: miss, name: name, language: nil)
    }

    /// Reads a heading's (or label's) text.
    public static func read(_ text: some StringProtocol, mapping: SectionMapping? = nil) -> Recognition {
        let normalized = TitleReading.normalize(text)
        if let mapping, let entry = mapping.entry(forNormalized: normalized.joined) {
            if let key = entry.key { return .hit([key], .mapping, entry.title) }
            return .none(.mappedToNone, entry.title)
        }
        return TitleReading.read(normalized)
    }
}

/// The reading itself. Names are compared after `normalize`, so the tables hold lower-case
/// words separated by single spaces.
enum TitleReading {
    struct Normalized {
        /// Words and separator tokens (":", "-", "(", ")", "/").
        var tokens: [String]
        var joined: String { tokens.filter { !isSeparator($0) }.joined(separator: " ") }
    }

    static func isSeparator(_ t: String) -> Bool { t == ":" || t == "-" || t == "(" || t == ")" || t == "/" }

    /// Lower-cases; drops emphasis, code and strikethrough marks, emoji and symbols; maps
    /// full-width forms to ASCII; keeps separators as tokens; drops numbering at the start
    /// (`15.`, `1)`, `Step 2:`) and numbers at the end.
    static func normalize(_ text: some StringProtocol) -> Normalized {
        var tokens: [String] = []
        var word = ""
        func flush() { if !word.isEmpty { tokens.append(word); word = "" } }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            var s = scalars[i]
            defer { i += 1 }
            // Full-width ASCII (U+FF01–FF5E) and the ideographic space.
            if s.value >= 0xFF01, s.value <= 0xFF5E, let a = Unicode.Scalar(s.value - 0xFEE0) { s = a }
            if s.value == 0x3000 { s = " " }
            switch s {
            case "’", "'", "ʼ":
                if !word.isEmpty { word.append("'") }
                continue
            case "-":
                // A hyphen inside a word is a space ("re-investigate"); with a space on a side
                // it separates ("In Progress - NEEDS ATTENTION").
                let before = i > 0 ? scalars[i - 1] : " "
                let after = i + 1 < scalars.count ? scalars[i + 1] : " "
                flush()
                if before.properties.isWhitespace || after.properties.isWhitespace { tokens.append("-") }
                continue
            case "—", "–", "―", "−", "|": flush(); tokens.append("-"); continue
            case ":", "：": flush(); tokens.append(":"); continue
            case "(", "[", "【", "（", "〔": flush(); tokens.append("("); continue
            case ")", "]", "】", "）", "〕": flush(); tokens.append(")"); continue
            case "/", "&", "+", ",", "、", "・", "·", ";", "＆": flush(); tokens.append("/"); continue
            default: break
            }
            let p = s.properties
            if p.isAlphabetic || p.numericType != nil {
                // A keycap emoji ("1️⃣": 1, U+FE0F, U+20E3) is numbering, not a word.
                if i + 1 < scalars.count, scalars[i + 1] == "\u{FE0F}" || scalars[i + 1] == "\u{20E3}" { continue }
                word.unicodeScalars.append(contentsOf: p.lowercaseMapping.unicodeScalars)
                continue
            }
            switch p.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                // Combining marks belong to their letter (but not U+FE0F on an emoji).
                if !word.isEmpty, s.value != 0xFE0F, s.value != 0x20E3 {
                    word.unicodeScalars.append(s)
                    continue
                }
            default: break
            }
            flush()
        }
        flush()
        // " and " between two names joins them like "&" ("Blockers and Gotchas").
        tokens = tokens.map { joinWords.contains($0) ? "/" : $0 }
        // Numbering at the start: "15", "1 )", "3 2", "step 2 :", "phase 1 -".
        while let first = tokens.first {
            if isNumber(first) || first == "-" || first == ")" || first == ":" || first == "/" { tokens.removeFirst(); continue }
            if numberingWords.contains(first), tokens.count > 1, isNumber(tokens[1]) { tokens.removeFirst(2); continue }
            break
        }
        while let last = tokens.last, isNumber(last) || last == "-" || last == ":" || last == "/" { tokens.removeLast() }
        return Normalized(tokens: tokens)
    }

    static func isNumber(_ t: String) -> Bool {
        !t.isEmpty && t.unicodeScalars.allSatisfy { $0.properties.numericType != nil }
    }

    static let numberingWords = ["step", "phase", "part", "section", "stage", "session", "schritt", "étape", "paso", "passo", "fase"]
    // Not Catalan "i": it is the English "I" ("What I did").
    static let joinWords = ["and", "und", "et", "y", "e", "и", "및"]

    /// Reads a normalized title: the whole, then the part before the first separator, then
    /// the part in parentheses (a bilingual title: `次のステップ (Next Steps)`).
    static func read(_ n: Normalized) -> Recognition {
        let tokens = n.tokens
        if tokens.isEmpty { return .none(.unknown, "") }
        // The head: up to the first ":", " - " or "(".
        var headEnd = tokens.count
        for (k, t) in tokens.enumerated() where t == ":" || t == "-" || t == "(" || t == ")" {
            headEnd = k; break
        }
        let head = Array(tokens[..<headEnd])
        if let r = readParts(head), r.miss != .unknown { return r }
        // An overview is In Progress only when the rest says so: "Current State (WIP)",
        // "Status: in progress".
        if overviews.contains(head.joined(separator: " ")) {
            let rest = tokens[headEnd...].filter { !isSeparator($0) }
            if readName(rest).key == .inProgress || (rest.count == 1 && rest[0] == "wip") {
                return .hit([.inProgress], .qualifier, rest.joined(separator: " "))
            }
            return .none(.unknown, n.joined)
        }
        // A parenthesized part names the section when the head did not ("次のステップ (Next
        // Steps)"), unless it is a status word ("Deploy (done)").
        var k = headEnd
        while k < tokens.count {
            if tokens[k] == "(" {
                var e = k + 1
                while e < tokens.count, tokens[e] != ")" { e += 1 }
                let inner = Array(tokens[(k + 1)..<e])
                if !(inner.count == 1 && statusWords.contains(inner[0])), let r = readParts(inner), r.miss != .unknown {
                    return r
                }
                k = e
            }
            k += 1
        }
        // "[DONE] Completed", "(WIP) Auth": text after a leading bracket.
        if tokens.first == "(", let close = tokens.firstIndex(of: ")") {
            let rest = Array(tokens[(close + 1)...]).filter { !isSeparator($0) }
            if let r = readParts(rest), r.miss != .unknown { return r }
        }
        return .none(.unknown, n.joined)
    }

    /// Reads words that may name two sections joined by "/" ("Blockers / Gotchas"). Parts
    /// that name nothing are ignored ("Gotchas & Constraints"); a false friend vetoes only
    /// when no part names a section.
    static func readParts(_ tokens: [String]) -> Recognition? {
        let words = tokens.filter { $0 != "/" }
        if words.isEmpty { return nil }
        // The whole first: a name may hold "and".
        let whole = readName(words)
        if whole.miss != .unknown || !tokens.contains("/") { return whole }
        var keys: [SectionKey] = []
        var first: Recognition? = nil
        var veto: Recognition? = nil
        var part: [String] = []
        for t in tokens + ["/"] {
            if t != "/" { part.append(t); continue }
            guard !part.isEmpty else { continue }
            // A status ("1/4 done") is no second name.
            if first != nil, statusWords.contains(part.filter { !isNumber($0) }.joined(separator: " ")) { part = []; continue }
            let r = readName(part)
            part = []
            if r.key != nil {
                if first == nil { first = r }
                for key in r.keys where !keys.contains(key) { keys.append(key) }
            } else if r.miss == .falseFriend, veto == nil {
                veto = r
            }
        }
        if let first { return .hit(Array(keys.prefix(2)), first.rule!, first.name, first.language) }
        return veto ?? whole
    }

    /// One name: looked up as it is, then with qualifier and status words stripped from
    /// either end, one at a time, every way they can be (a handful of candidates).
    static func readName(_ words: [String]) -> Recognition {
        // Counts say nothing of the section ("Next Steps ✅ 1/4 done", "Top 5 gotchas").
        let text = words.filter { !isNumber($0) }.joined(separator: " ")
        if let e = lookup(text) { return e.recognition(stripped: false) }
        var frontier = [text]
        for _ in 0..<4 {
            var next: [String] = []
            for t in frontier {
                for shorter in stripQualifiers(t) where !next.contains(shorter) {
                    if let e = lookup(shorter) { return e.recognition(stripped: true) }
                    next.append(shorter)
                }
            }
            if next.isEmpty { break }
            frontier = next
        }
        return .none(.unknown, text)
    }

    /// The text without one leading or one trailing qualifier, each way it has one.
    static func stripQualifiers(_ text: String) -> [String] {
        var out: [String] = []
        for q in leadingQualifiers where text.count > q.count && text.hasPrefix(q) {
            let rest = text.dropFirst(q.count)
            if q.unicodeScalars.first!.isCJK { out.append(String(rest).trimmingSpaces()) }
            else if rest.first == " " { out.append(String(rest.dropFirst())) }
        }
        for q in trailingQualifiers where text.count > q.count && text.hasSuffix(q) {
            let rest = text.dropLast(q.count)
            if q.unicodeScalars.first!.isCJK { out.append(String(rest).trimmingSpaces()) }
            else if rest.last == " " { out.append(String(rest.dropLast())) }
        }
        return out.filter { !$0.isEmpty }
    }

    struct Entry {
        let name: String
        let key: SectionKey?      // nil: a false friend
        let rule: Recognition.Rule
        let language: String?

        func recognition(stripped: Bool) -> Recognition {
            guard let key else { return .none(.falseFriend, name) }
            if stripped, rule != .language { return .hit([key], .qualifier, name, language) }
            return .hit([key], rule, name, language)
        }
    }

    static func lookup(_ name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Every name, in one array searched front to back (see `SectionKey.names` for why not a
    /// dictionary). False friends come first so that they win over a name they contain.
    static let entries: [Entry] = {
        var out: [Entry] = []
        for (lang, names) in falseFriends {
            for n in names { out.append(Entry(name: n, key: nil, rule: .synonym, language: lang)) }
        }
        for key in SectionKey.allCases {
            out.append(Entry(name: key.canonicalTitle.lowercased(), key: key, rule: .exactTitle, language: nil))
            out.append(Entry(name: key.rawValue.replacingUnderscores(), key: key, rule: .exactTitle, language: nil))
            for s in key.synonyms { out.append(Entry(name: s, key: key, rule: .synonym, language: nil)) }
            for s in key.phrases { out.append(Entry(name: s, key: key, rule: .phrase, language: nil)) }
        }
        for (lang, table) in languages {
            for (key, names) in table {
                for n in names { out.append(Entry(name: n, key: key, rule: .language, language: lang)) }
            }
        }
        return out
    }()

    /// Words around a known title that do not change which section it is.
    static let leadingQualifiers = [
        "this session's", "today's", "immediate", "recent", "recently", "key", "main", "major", "important",
        "critical", "architectural", "architecture", "technical", "design", "remaining", "known", "current",
        "currently", "other", "additional", "suggested", "recommended", "priority", "prioritized", "top",
        "active", "open", "outstanding", "new", "final", "session", "all", "the", "our", "my", "any",
        "project", "evolution of", "external", "exact", "aktive", "активные", "последние",
        // other languages
        "wichtige", "wichtigste", "aktuelle", "bekannte", "offene", "sofortige", "principales", "principaux",
        "próximos", "principais", "importanti", "ключевые", "важные", "текущие", "основные",
        "本次会话", "本次", "本轮", "当前", "目前", "已知", "今回の", "今回", "現在の", "이번 세션", "이번", "현재",
    ]
    static let trailingQualifiers = [
        "this session", "in this session", "from this session", "during this session", "for this session",
        "today", "so far", "to date", "already made", "made", "taken", "for next session",
        "for the next session", "for next agent", "for you", "for the next person", "for whoever picks this up",
        "for the next dev", "for the next developer", "options", "high priority", "alta priorita", "alta priorità",
        "옵션", "选项", "for the next agent", "for next time", "work", "tasks",
        "items", "list", "log", "summary", "notes", "details", "section", "resolved", "done", "fixed",
        "now", "to remember", "to keep in mind", "and constraints", "in order", "priority order",
        // other languages
        "dieser sitzung", "in dieser sitzung", "heute", "de cette session", "cette session",
        "aujourd'hui", "de esta sesión", "en esta sesión", "hoy", "nesta sessão", "desta sessão", "hoje",
        "di questa sessione", "in questa sessione", "oggi", "d'aquesta sessió", "en aquesta sessió", "avui",
        "в этой сессии", "за сессию", "сегодня", "（本次）", "事项", "项", "内容", "一覧", "リスト", "사항", "목록",
        "기록", "任务", "connus", "connues", "clés", "clé", "clave", "conocidas", "conocidos", "conhecidos",
        "conhecidas", "noti", "note", "imediatos", "inmediatos", "immédiates", "immediati", "recentes", "recientes",
        "récents", "recenti", "ativas", "activas", "actives", "attive", "chiave", "principais", "importantes",
        "en questa sessione", "in questa sessione", "en esta sesión", "nesta sessão", "cette session",
    ]

    /// General overviews: not In Progress, unless the rest of the title says so.
    static let overviews = ["current state", "state", "status", "current status", "overview", "summary", "where things stand",
                            "stand", "stato", "estado", "état", "stand der dinge", "статус", "状态", "現状", "현재 상태"]

    /// Status words in parentheses do not name a section ("Deploy (done)").
    static let statusWords = ["done", "complete", "completed", "resolved", "fixed", "finished", "wip", "blocked",
                              "ongoing", "shipped", "partial", "next", "todo", "in progress", "pending", "open",
                              "closed", "ok", "superseded", "obsolete", "erledigt", "terminé", "hecho", "feito",
                              "fatto", "fet", "готово", "完了", "已完成", "완료"]

    /// Names that look like a section's but are not: nothing was decided yet, nothing is
    /// blocked by a question. Vetoes the title.
    static let falseFriends: [(String, [String])] = [
        ("en", ["to be decided", "tbd", "to decide", "decisions to make", "decisions to be made", "decisions needed",
                "decision needed", "needs decision", "needs decisions", "pending decisions", "open decisions",
                "undecided", "decisions pending", "decision points", "open questions", "questions",
                "unresolved questions", "questions for the user", "questions for next session", "open items to decide",
                "not done", "not completed", "incomplete decisions"]),
        ("de", ["offene fragen", "zu entscheiden", "offene entscheidungen", "noch zu entscheiden", "fragen"]),
        ("fr", ["questions ouvertes", "à décider", "décisions à prendre", "questions en suspens", "questions"]),
        ("es", ["preguntas abiertas", "por decidir", "decisiones pendientes", "preguntas", "cuestiones abiertas"]),
        ("pt", ["perguntas em aberto", "questões em aberto", "a decidir", "decisões pendentes", "perguntas"]),
        ("it", ["domande aperte", "da decidere", "decisioni da prendere", "questioni aperte", "domande"]),
        ("ca", ["preguntes obertes", "per decidir", "decisions pendents", "preguntes"]),
        ("ru", ["открытые вопросы", "нерешённые вопросы", "нерешенные вопросы", "требует решения", "вопросы",
                "решения не приняты"]),
        ("zh", ["待决定", "待决策", "待定", "未决问题", "开放问题", "待讨论", "待確定", "待決定", "未決問題", "问题", "未完成"]),
        ("ja", ["未決定", "要検討", "検討事項", "未解決の質問", "未解決の問題", "質問", "保留", "未完了"]),
        ("ko", ["미결정", "열린 질문", "미해결 질문", "결정 필요", "질문", "미완료"]),
    ]

    /// Section names per language (normalized: lower case, no decoration). A bilingual
    /// heading names the key when either half does.
    static let languages: [(String, [(SectionKey, [String])])] = [
        ("de", [
            (.completed, ["was geschafft wurde", "was heute geschafft wurde", "geschafft heute", "erledigte arbeiten", "letzte änderungen", "jüngste änderungen", "änderungen", "erledigt", "abgeschlossen", "fertig", "fertiggestellt", "erreicht", "was wurde erledigt",
                          "was erledigt wurde", "was wurde gemacht", "erledigte aufgaben", "umgesetzt", "geschafft"]),
            (.inProgress, ["angefangen", "angefangen aber nicht fertig", "halb fertig", "unfertig", "läuft gerade", "läuft", "aktueller fokus", "fokus", "in arbeit", "in bearbeitung", "laufend", "in umsetzung", "begonnen"]),
            (.blocked, ["hängt fest", "festgefahren", "hängt", "blockiert", "blocker", "hindernisse", "blockaden", "wartet auf"]),
            (.decisions, ["festgelegt", "entscheidungen getroffen", "beschlossen", "entscheidungen", "getroffene entscheidungen", "entscheidung", "designentscheidungen",
                          "architekturentscheidungen"]),
            (.nextSteps, ["todos", "todos für nächste woche", "für die nächste sitzung", "nächste woche", "nächste aufgaben", "was als nächstes", "nächste schritte", "naechste schritte", "nächster schritt", "offene aufgaben", "todo",
                          "to do", "ausblick", "als nächstes", "weitere schritte", "offene punkte"]),
            (.gotchas, ["stolperfallen", "erkenntnisse", "lehren", "stolpersteine", "fallstricke", "achtung", "vorsicht", "bekannte probleme", "warnungen",
                        "hinweise", "wichtige hinweise", "fallen"]),
        ]),
        ("fr", [
            (.completed, ["changements récents", "modifications récentes", "changements", "modifications", "terminé", "termine", "fait", "réalisé", "accompli", "ce qui a été fait", "travail effectué",
                          "travail réalisé", "tâches terminées", "réalisations", "achevé"]),
            (.inProgress, ["en chantier", "chantiers en cours", "en cours de réalisation", "travaux en cours", "focus actuel", "en cours", "travail en cours", "tâches en cours"]),
            (.blocked, ["bloqué", "bloque", "blocages", "bloquants", "points bloquants", "obstacles"]),
            (.decisions, ["choix retenus", "choix faits", "arbitrages", "décisions", "decisions", "décisions prises", "choix", "choix techniques", "décision"]),
            (.nextSteps, ["ce qui reste à faire", "prochaines tâches", "à faire ensuite", "ensuite", "prochaines étapes", "étapes suivantes", "prochaine étape", "à faire", "reste à faire",
                          "suite", "la suite", "prochaines actions"]),
            (.gotchas, ["pièges à éviter", "à éviter", "apprentissages", "leçons apprises", "pièges", "points d'attention", "attention", "mises en garde", "problèmes connus",
                        "avertissements", "précautions", "à savoir"]),
        ]),
        ("es", [
            (.completed, ["lo que quedó hecho", "lo que se terminó", "quedó hecho", "qué se hizo", "que se hizo", "cambios recientes", "cambios", "completado", "completadas", "completados", "hecho", "terminado", "realizado",
                          "lo que se hizo", "logros", "tareas completadas", "trabajo realizado", "finalizado"]),
            (.inProgress, ["a medias", "lo que quedó a medias", "enfoque actual", "foco actual", "en progreso", "en curso", "en proceso", "trabajo en curso", "en desarrollo"]),
            (.blocked, ["bloqueado", "bloqueados", "bloqueos", "bloqueadores", "impedimentos"]),
            (.decisions, ["decisiones", "decisiones tomadas", "decisión", "decisiones técnicas"]),
            (.nextSteps, ["pendiente para la próxima sesión", "para la próxima sesión", "pendiente", "siguientes tareas", "próximas tareas", "qué falta", "que falta", "lo que falta", "próximos pasos", "proximos pasos", "siguientes pasos", "siguiente paso", "pendientes",
                          "por hacer", "tareas pendientes", "próximo paso"]),
            (.gotchas, ["ojo con", "cosas a tener en cuenta", "tener en cuenta", "cuidado con", "aprendizajes", "lecciones aprendidas", "trampas", "advertencias", "precauciones", "problemas conocidos", "cuidado", "ojo",
                        "a tener en cuenta", "consideraciones importantes"]),
        ]),
        ("pt", [
            (.completed, ["mudanças recentes", "mudanças", "alterações recentes", "alterações", "concluído", "concluido", "concluídos", "feito", "finalizado", "realizado", "o que foi feito",
                          "tarefas concluídas", "entregue"]),
            (.inProgress, ["fazendo", "em andamento agora", "foco atual", "foco", "em andamento", "em progresso", "em curso", "trabalho em andamento"]),
            (.blocked, ["travado", "travados", "travas", "bloqueado", "bloqueios", "impedimentos", "bloqueadores"]),
            (.decisions, ["decisões", "decisoes", "decisões tomadas", "decisão", "decisões técnicas"]),
            (.nextSteps, ["próximas tarefas", "tarefas pendentes", "o que falta", "próximos passos", "proximos passos", "próximas etapas", "a fazer", "pendências", "pendente",
                          "próximo passo"]),
            (.gotchas, ["aprendizados", "lições aprendidas", "armadilhas", "cuidados", "atenção", "avisos", "problemas conhecidos", "pegadinhas",
                        "pontos de atenção"]),
        ]),
        ("it", [
            (.completed, ["cosa abbiamo fatto", "modifiche recenti", "modifiche", "completato", "completati", "completate", "fatto", "terminato", "cosa è stato fatto",
                          "lavoro svolto", "attività completate"]),
            (.inProgress, ["focus attuale", "in corso", "in lavorazione", "in sospeso", "lavori in corso"]),
            (.blocked, ["bloccato", "bloccati", "blocchi", "bloccanti", "impedimenti"]),
            (.decisions, ["decisioni", "decisioni prese", "decisione", "scelte", "scelte tecniche"]),
            (.nextSteps, ["prossime cose", "prossimi passi", "passi successivi", "prossimo passo", "da fare", "cose da fare",
                          "prossime attività"]),
            (.gotchas, ["occhio a", "occhio", "lezioni apprese", "apprendimenti", "insidie", "trappole", "attenzione", "avvertenze", "problemi noti", "note importanti"]),
        ]),
        ("ca", [
            (.completed, ["què s'ha fet", "canvis recents", "canvis", "completat", "completats", "fet", "acabat", "realitzat", "feina feta"]),
            (.inProgress, ["en curs", "en progrés", "en procés"]),
            (.blocked, ["bloquejat", "bloquejos", "impediments", "bloquejadors"]),
            (.decisions, ["decisions", "decisions preses", "decisió"]),
            (.nextSteps, ["pròxims passos", "proxims passos", "propers passos", "següents passos", "pendent", "pendents", "per fer", "proper pas"]),
            (.gotchas, ["compte amb", "aprenentatges", "paranys", "trampes", "advertències", "atenció", "problemes coneguts", "compte"]),
        ]),
        ("ru", [
            (.completed, ["что было исправлено", "что исправлено", "исправлено", "что было сделано за сессию", "последние изменения", "изменения", "сделано", "выполнено", "завершено", "готово", "что сделано", "что было сделано",
                          "выполненные задачи", "достигнуто"]),
            (.inProgress, ["текущий фокус", "фокус", "в процессе", "в работе", "в разработке", "текущая работа"]),
            (.blocked, ["заблокировано", "блокеры", "блокирующие", "блокирующие проблемы", "препятствия"]),
            (.decisions, ["решения", "принятые решения", "решение", "архитектурные решения"]),
            (.nextSteps, ["что ещё нужно сделать", "что еще нужно сделать", "что нужно сделать", "нужно сделать", "осталось сделать", "дальше", "следующие шаги", "дальнейшие шаги", "что дальше", "следующий шаг", "план",
                          "дальнейшие действия", "todo"]),
            (.gotchas, ["уроки", "выводы", "подводные камни", "ловушки", "предупреждения", "известные проблемы", "важно", "осторожно",
                        "на что обратить внимание"]),
        ]),
        ("zh", [
            (.completed, ["已完成事項", "完成事項", "已完成項目", "新增功能", "本轮完成", "最近的更改", "最近变更", "最近更改", "变更", "已完成", "完成", "完成的工作", "已完成工作", "已完成的工作", "完成事项", "已做", "已实现",
                          "已完成任务", "做了什么"]),
            (.inProgress, ["进行中任务", "当前重点", "当前焦点", "进行中", "正在进行", "进行中的工作", "進行中", "正在進行", "进展中"]),
            (.blocked, ["遇到的阻碍", "遇到的问题", "卡關", "卡关", "阻礙事項", "阻塞", "受阻", "阻碍", "阻塞项", "卡点", "被阻塞", "阻礙", "障碍"]),
            (.decisions, ["技術決策", "決定事項", "决策", "决定", "已做决定", "已做出的决定", "关键决策", "已决定", "技术决策", "決策", "設計決策",
                          "设计决策"]),
            (.nextSteps, ["待辦", "待辦事項清單", "下一步驟", "后续", "待完成", "後續", "下一步", "下一步计划", "后续步骤", "待办", "待办事项", "后续工作", "接下来", "下一步工作",
                          "後續步驟", "待辦事項", "下一步行動"]),
            (.gotchas, ["经验教训", "注意事项", "陷阱", "坑", "踩坑", "已知问题", "注意", "警告", "注意事項", "已知問題", "踩坑记录"]),
        ]),
        ("ja", [
            (.completed, ["今日やったこと", "今回やったこと", "やったこと一覧", "最近の変更", "変更", "変更点", "完了", "完了した作業", "完了済み", "完了事項", "やったこと", "実施内容", "実施済み", "対応済み",
                          "完了したこと", "完了タスク", "実装済み"]),
            (.inProgress, ["フォーカス", "現在のフォーカス", "進行中", "作業中", "対応中", "進行中の作業", "実装中"]),
            (.blocked, ["詰まっているところ", "詰まっている点", "詰まりどころ", "困っていること", "ブロック", "ブロッカー", "阻害要因", "ブロック中", "ブロックされている"]),
            (.decisions, ["決めたこと", "決定事項", "決定", "判断", "設計判断", "意思決定", "決定したこと", "技術的判断"]),
            (.nextSteps, ["次のアクション", "次のタスク", "ネクストアクション", "今後の課題", "残課題", "やること", "次にやるべきこと", "次のステップ", "次にやること", "今後の作業", "次回", "次回やること", "残タスク", "残作業",
                          "未対応", "todo", "次の作業", "今後のタスク"]),
            (.gotchas, ["学び", "教訓", "注意点", "注意事項", "落とし穴", "ハマりどころ", "既知の問題", "注意", "ハマりポイント"]),
        ]),
        ("ko", [
            (.completed, ["완료한 일", "최근 변경 사항", "변경 사항", "최근 변경", "완료", "완료된 작업", "완료됨", "한 일", "완료 사항", "완료한 작업"]),
            (.inProgress, ["현재 작업 초점", "현재 작업", "현재 초점", "초점", "진행 중", "진행중", "작업 중", "진행 중인 작업"]),
            (.blocked, ["막힌 부분", "막힌 곳", "막힘", "차단", "블로커", "차단됨", "막힌 것", "차단 요소"]),
            (.decisions, ["활성 결정 사항 및 고려 사항", "활성 결정 사항", "결정 및 고려 사항", "결정", "결정 사항", "결정사항", "의사결정", "내린 결정", "주요 결정"]),
            (.nextSteps, ["남은 일", "해야 할 일", "다음 단계", "다음 할 일", "향후 작업", "할 일", "남은 작업", "다음 작업"]),
            (.gotchas, ["배운 점", "교훈", "주의사항", "주의 사항", "함정", "알려진 문제", "주의", "주의할 점"]),
        ]),
    ]
}

extension Unicode.Scalar {
    /// Han, kana or hangul: scripts written without spaces between words.
    var isCJK: Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF08, 0xFF09: true
        default: false
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}

/// A repository's own names for sections, from its mapping file (`.handoff-sections`):
/// lines `"Cluster State" = in_progress` or `"Status" = none`; `#` starts a comment.
public struct SectionMapping: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The title as written in the file.
        public let title: String
        /// nil: the title names no section.
        public let key: SectionKey?
        let normalized: String
    }

    public let entries: [Entry]
    /// Lines that could not be read, with their 1-based number and why.
    public let errors: [(line: Int, message: String)]

    public static func == (a: SectionMapping, b: SectionMapping) -> Bool {
        a.entries == b.entries && a.errors.map(\.line) == b.errors.map(\.line)
    }

    /// The file's name, at the work-tree root.
    public static let fileName = ".handoff-sections"

    public init(parsing text: String) {
        var entries: [Entry] = []
        var errors: [(Int, String)] = []
        for (n, raw) in HandoffDocument.splitLines(text).enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("\""), let close = line.dropFirst().firstIndex(of: "\"") else {
                errors.append((n + 1, "expected a quoted title: \"Title\" = key"))
                continue
            }
            let title = String(line[line.index(after: line.startIndex)..<close])
            var rest = line[line.index(after: close)...].drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else {
                errors.append((n + 1, "expected '=' after the title"))
                continue
            }
            rest = rest.dropFirst()
            var value = String(rest).trimmingSpaces()
            if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]).trimmingSpaces() }
            if value.lowercased() == "none" {
                entries.append(Entry(title: title, key: nil, normalized: TitleReading.normalize(title).joined))
            } else if let key = SectionKey(argument: value) {
                entries.append(Entry(title: title, key: key, normalized: TitleReading.normalize(title).joined))
            } else {
                errors.append((n + 1, "'\(value)' is not a section key (completed, in_progress, blocked, decisions, next_steps, gotchas, none)"))
            }
        }
        self.entries = entries
        self.errors = errors
    }

    func entry(forNormalized name: String) -> Entry? {
        entries.first { $0.normalized == name }
    }
}
