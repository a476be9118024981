<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>AssertionsDialog</name>
        <message>
            <source>{value} needs a number, not “{text}”.</source>
            <extracomment>Kinds whose value is a number, and the one with no value at all.</extracomment>
            <translation>{value} braucht eine Zahl, nicht „{text}“.</translation>
        </message>
        <message>
            <source>{value} needs a number above 0.</source>
            <translation>{value} braucht eine Zahl größer als 0.</translation>
        </message>
        <message>
            <source>{value} needs a text to look for.</source>
            <translation>{value} braucht einen Text, nach dem gesucht wird.</translation>
        </message>
        <message>
            <source>the regex “{text}” does not compile: {exc}.</source>
            <translation>Der reguläre Ausdruck „{text}“ lässt sich nicht übersetzen: {exc}.</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Prüfung</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>Checks of this case</source>
            <translation>Prüfungen dieses Falls</translation>
        </message>
        <message>
            <source>One row per check: what kind, and the value it looks for</source>
            <translation>Eine Zeile pro Prüfung: ihre Art und der Wert, nach dem sie sucht</translation>
        </message>
        <message>
            <source>&amp;Add check</source>
            <translation>Prüfung &amp;hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Remove check</source>
            <translation>Prüfung &amp;entfernen</translation>
        </message>
        <message>
            <source>A new row: the answer must contain…</source>
            <translation>Eine neue Zeile: Die Antwort muss enthalten…</translation>
        </message>
        <message>
            <source>Remove the selected check</source>
            <translation>Die gewählte Prüfung entfernen</translation>
        </message>
        <message>
            <source>A case has at most {MAX_ASSERTIONS_PER_CASE} checks.</source>
            <translation>Ein Fall hat höchstens {MAX_ASSERTIONS_PER_CASE} Prüfungen.</translation>
        </message>
        <message>
            <source>Kind of check {value}</source>
            <translation>Art der Prüfung {value}</translation>
        </message>
        <message>
            <source>Value of check {value}</source>
            <translation>Wert der Prüfung {value}</translation>
        </message>
        <message>
            <source>Check {number}: {exc} Fix it or remove it.</source>
            <translation>Prüfung {number}: {exc} Korrigieren oder entfernen Sie sie.</translation>
        </message>
    </context>
    <context>
        <name>BackendFactory</name>
        <message>
            <source>“{name}” reads its key from a file, which LlamaDesk cannot do here.</source>
            <extracomment>Reads a key file the policy names: its stripped text, or OSError with a whole message. Reads a policy endpoint's key file (storage's job: net never reads files itself).</extracomment>
            <translation>„{name}“ liest seinen Schlüssel aus einer Datei; das kann LlamaDesk hier nicht.</translation>
        </message>
    </context>
    <context>
        <name>BackupOffer</name>
        <message>
            <source>Chat history</source>
            <translation>Chatverlauf</translation>
        </message>
        <message>
            <source>LlamaDesk could not open your saved chats.</source>
            <translation>LlamaDesk konnte Ihre gespeicherten Chats nicht öffnen.</translation>
        </message>
        <message>
            <source>{message}

A backup from {when} exists. Use it? The damaged file is kept aside, not deleted.</source>
            <translation>{message}

Es gibt eine Sicherung vom {when}. Soll sie verwendet werden? Die beschädigte Datei wird beiseitegelegt, nicht gelöscht.</translation>
        </message>
        <message>
            <source>Use this backup</source>
            <translation>Diese Sicherung verwenden</translation>
        </message>
        <message>
            <source>Restore {name} and turn history back on</source>
            <translation>{name} wiederherstellen und den Verlauf wieder einschalten</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>Jetzt nicht</translation>
        </message>
        <message>
            <source>Keep chatting; nothing will be saved this time</source>
            <translation>Weiter chatten; diesmal wird nichts gespeichert</translation>
        </message>
        <message>
            <source>The backup could not be used: {reason}. History stays off.</source>
            <translation>Die Sicherung konnte nicht verwendet werden: {reason}. Der Verlauf bleibt ausgeschaltet.</translation>
        </message>
        <message>
            <source> The damaged file is kept as {name}.</source>
            <translation> Die beschädigte Datei wird als {name} aufbewahrt.</translation>
        </message>
        <message>
            <source>History is back on, from the backup of {name}.{kept}</source>
            <translation>Der Verlauf ist wieder eingeschaltet, aus der Sicherung {name}.{kept}</translation>
        </message>
    </context>
    <context>
        <name>Bounds</name>
        <message>
            <source>Workers AI</source>
            <translation>Workers AI</translation>
        </message>
        <message>
            <source>The server at {host}</source>
            <translation>Der Server unter {host}</translation>
        </message>
        <message>
            <source> The text so far is kept.</source>
            <translation> Der bisherige Text bleibt erhalten.</translation>
        </message>
        <message>
            <source>sent a line longer than {size} without ending it</source>
            <translation>hat eine Zeile länger als {size} gesendet, ohne sie zu beenden</translation>
        </message>
        <message>
            <source>sent a single message larger than {size}</source>
            <translation>hat eine einzelne Nachricht größer als {size} gesendet</translation>
        </message>
        <message>
            <source> once decompressed</source>
            <translation> nach dem Entpacken</translation>
        </message>
        <message>
            <source>sent an answer larger than {size}{after}, far more than any reply</source>
            <translation>hat eine Antwort größer als {size}{after} gesendet, weit mehr als jede Antwort</translation>
        </message>
        <message>
            <source>Try again; if it happens again, Cloudflare's service is misbehaving.</source>
            <translation>Versuchen Sie es erneut; wenn es wieder passiert, hat der Dienst von Cloudflare ein Problem.</translation>
        </message>
        <message>
            <source>Check the server and any proxy in between (or the address), then try again.</source>
            <translation>Prüfen Sie den Server und einen etwaigen Proxy dazwischen (oder die Adresse), dann versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>{who} {what}, so LlamaDesk stopped reading.{kept} {fix}</source>
            <translation>{who} {what}, daher hat LlamaDesk aufgehört zu lesen.{kept} {fix}</translation>
        </message>
        <message>
            <source> too long</source>
            <translation> zu lang</translation>
        </message>
        <message>
            <source> (waited {seconds})</source>
            <translation> (gewartet: {seconds})</translation>
        </message>
        <message>
            <source> Check the server's log: it may be stuck, overloaded or still loading the model; then try again.</source>
            <translation> Prüfen Sie das Protokoll des Servers: Er hängt vielleicht, ist überlastet oder lädt noch das Modell; dann versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source> Try again in a minute.</source>
            <translation> Versuchen Sie es in einer Minute erneut.</translation>
        </message>
        <message>
            <source>{who} accepted the request but never answered{waited}.{fix}</source>
            <translation>{who} hat die Anfrage angenommen, aber nie geantwortet{waited}.{fix}</translation>
        </message>
        <message>
            <source>{who} sent data for{secs} without completing a single message, so LlamaDesk stopped waiting.{kept} Check the network or proxy in between, then try again.</source>
            <translation>{who} hat{secs} lang Daten gesendet, ohne eine einzige Nachricht abzuschließen, daher hat LlamaDesk aufgehört zu warten.{kept} Prüfen Sie das Netzwerk oder den Proxy dazwischen, dann versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source> Check the server's log, then try again.</source>
            <translation> Prüfen Sie das Protokoll des Servers, dann versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source> Try again later.</source>
            <translation> Versuchen Sie es später erneut.</translation>
        </message>
        <message>
            <source>{who} sent only keep-alive signals and no reply text for{secs}, so LlamaDesk stopped waiting.{kept}{busy}</source>
            <translation>{who} hat{secs} lang nur Lebenszeichen und keinen Antworttext gesendet, daher hat LlamaDesk aufgehört zu warten.{kept}{busy}</translation>
        </message>
        <message>
            <source>1 second</source>
            <translation>1 Sekunde</translation>
        </message>
        <message>
            <source>{seconds:g} seconds</source>
            <translation>{seconds:g} Sekunden</translation>
        </message>
        <message>
            <source>its limit</source>
            <translation>seine Grenze</translation>
        </message>
    </context>
    <context>
        <name>CasesTableModel</name>
        <message>
            <source>Input</source>
            <translation>Eingabe</translation>
        </message>
        <message>
            <source>Expect</source>
            <translation>Erwartet</translation>
        </message>
        <message>
            <source>Checks</source>
            <translation>Prüfungen</translation>
        </message>
        <message>
            <source>No checks. Press Enter to add some.</source>
            <translation>Keine Prüfungen. Mit der Eingabetaste fügen Sie welche hinzu.</translation>
        </message>
        <message>
            <source>Not changed: {why}.</source>
            <translation>Nicht geändert: {why}.</translation>
        </message>
    </context>
    <context>
        <name>CellDetails</name>
        <message>
            <source>&lt;p style='color:{muted}'&gt;Asked of {esc}&lt;/p&gt;</source>
            <extracomment>The details show at most this much of one answer (a cell can hold 20 long replies).</extracomment>
            <translation>&lt;p style='color:{muted}'&gt;Gefragt bei {esc}&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p style='white-space:pre-wrap'&gt;&lt;span style='color:{muted}'&gt;Ideal answer:&lt;/span&gt; {esc}&lt;/p&gt;</source>
            <translation>&lt;p style='white-space:pre-wrap'&gt;&lt;span style='color:{muted}'&gt;Ideale Antwort:&lt;/span&gt; {esc}&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;No result yet.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Noch kein Ergebnis.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;Not asked: Resume asks what is left.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Nicht gefragt: „Fortsetzen“ fragt, was noch fehlt.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>repeat</source>
            <translation>Wiederholung</translation>
        </message>
        <message>
            <source>repeats</source>
            <translation>Wiederholungen</translation>
        </message>
        <message>
            <source>&lt;p style='color:{muted}'&gt;{count} of {total} ({which} {repeats})&lt;/p&gt;&lt;pre style='white-space:pre-wrap'&gt;{value}&lt;/pre&gt;</source>
            <translation>&lt;p style='color:{muted}'&gt;{count} von {total} ({which} {repeats})&lt;/p&gt;&lt;pre style='white-space:pre-wrap'&gt;{value}&lt;/pre&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;✗ repeat {value}, {esc}: {esc2}&lt;/p&gt;</source>
            <translation>&lt;p&gt;✗ Wiederholung {value}, {esc}: {esc2}&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p&gt;✗ repeat {value}: {esc}&lt;/p&gt;</source>
            <translation>&lt;p&gt;✗ Wiederholung {value}: {esc}&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>CellDetailsView</name>
        <message>
            <source>Cell details</source>
            <translation>Zellendetails</translation>
        </message>
        <message>
            <source>The selected cell's answer, its checks and its grade</source>
            <translation>Die Antwort der gewählten Zelle, ihre Prüfungen und ihre Bewertung</translation>
        </message>
        <message>
            <source>Good answer</source>
            <translation>Gute Antwort</translation>
        </message>
        <message>
            <source>Bad answer</source>
            <translation>Schlechte Antwort</translation>
        </message>
        <message>
            <source>Good answer (Ctrl+G)</source>
            <translation>Gute Antwort (Strg+G)</translation>
        </message>
        <message>
            <source>Bad answer (Ctrl+B)</source>
            <translation>Schlechte Antwort (Strg+B)</translation>
        </message>
        <message>
            <source>Score {score} of 5</source>
            <translation>Note {score} von 5</translation>
        </message>
        <message>
            <source>Score {score} of 5 (Ctrl+{score})</source>
            <translation>Note {score} von 5 (Strg+{score})</translation>
        </message>
        <message>
            <source>Comment (Enter saves)</source>
            <translation>Kommentar (Eingabetaste speichert)</translation>
        </message>
        <message>
            <source>Grade comment</source>
            <translation>Kommentar zur Bewertung</translation>
        </message>
    </context>
    <context>
        <name>CellText</name>
        <message>
            <source>no answer: the request failed</source>
            <translation>keine Antwort: die Anfrage ist fehlgeschlagen</translation>
        </message>
        <message>
            <source>no answer: all failed</source>
            <translation>keine Antwort: alle fehlgeschlagen</translation>
        </message>
        <message>
            <source>{distinct} distinct of {total}: {short}</source>
            <translation>{distinct} verschiedene von {total}: {short}</translation>
        </message>
        <message>
            <source>(empty reply)</source>
            <translation>(leere Antwort)</translation>
        </message>
        <message>
            <source>{mark} {passed}/{total} passed</source>
            <translation>{mark} {passed}/{total} bestanden</translation>
        </message>
        <message>
            <source>no checks</source>
            <translation>keine Prüfungen</translation>
        </message>
        <message>
            <source>TTFT {mean_ttft_ms:.0f} ms</source>
            <translation>TTFT {mean_ttft_ms:.0f} ms</translation>
        </message>
        <message>
            <source>{mean_tokens_per_s:.0f} tok/s</source>
            <translation>{mean_tokens_per_s:.0f} Tok./s</translation>
        </message>
        <message>
            <source> (mean of {total})</source>
            <translation> (Mittel aus {total})</translation>
        </message>
        <message>
            <source>{per_reply} tokens</source>
            <translation>{per_reply} Tokens</translation>
        </message>
        <message>
            <source> (+{value} more)</source>
            <translation> (+{value} weitere)</translation>
        </message>
        <message>
            <source>Good</source>
            <extracomment>Grade marks with an emoji font, and in words without one (no empty boxes on screen).</extracomment>
            <translation>Gut</translation>
        </message>
        <message>
            <source>Bad</source>
            <translation>Schlecht</translation>
        </message>
        <message>
            <source>commented</source>
            <translation>kommentiert</translation>
        </message>
        <message>
            <source>Pass rate {pass_rate:.0%}</source>
            <translation>Erfolgsquote {pass_rate:.0%}</translation>
        </message>
        <message>
            <source>No checks</source>
            <translation>Keine Prüfungen</translation>
        </message>
        <message>
            <source>No results yet</source>
            <translation>Noch keine Ergebnisse</translation>
        </message>
        <message>
            <source>mean grade {mean_grade:.1f}/5</source>
            <translation>Durchschnittsnote {mean_grade:.1f}/5</translation>
        </message>
        <message>
            <source>not graded</source>
            <translation>nicht bewertet</translation>
        </message>
        <message>
            <source>mean latency {mean_latency_ms:.0f} ms</source>
            <translation>mittlere Latenz {mean_latency_ms:.0f} ms</translation>
        </message>
        <message>
            <source>latency –</source>
            <translation>Latenz –</translation>
        </message>
        <message>
            <source>distinct {ratio:.0%}</source>
            <translation>verschieden {ratio:.0%}</translation>
        </message>
        <message>
            <source>distinct –</source>
            <translation>verschiedene –</translation>
        </message>
        <message>
            <source>{requests} failed</source>
            <translation>{requests} fehlgeschlagen</translation>
        </message>
    </context>
    <context>
        <name>ChangesDialog</name>
        <message>
            <source>same</source>
            <extracomment>A dialog lists at most this many changes (the first ones, in case order).</extracomment>
            <translation>unverändert</translation>
        </message>
        <message>
            <source>new: passed</source>
            <translation>neu: bestanden</translation>
        </message>
        <message>
            <source>new: failed</source>
            <translation>neu: nicht bestanden</translation>
        </message>
        <message>
            <source>not asked</source>
            <translation>nicht gefragt</translation>
        </message>
        <message>
            <source>now passes</source>
            <translation>besteht jetzt</translation>
        </message>
        <message>
            <source>now fails</source>
            <translation>scheitert jetzt</translation>
        </message>
        <message>
            <source>Nothing changed since {previous_label}.</source>
            <translation>Seit {previous_label} hat sich nichts geändert.</translation>
        </message>
        <message>
            <source>Since {previous_label}: {counted} flipped pass/fail, {counted2} changed.</source>
            <translation>Seit {previous_label}: {counted} von bestanden/nicht bestanden gewechselt, {counted2} geändert.</translation>
        </message>
        <message>
            <source>Changes since the previous run</source>
            <translation>Änderungen seit dem vorigen Lauf</translation>
        </message>
        <message>
            <source>Changed cells</source>
            <translation>Geänderte Zellen</translation>
        </message>
        <message>
            <source>Each cell whose result differs from the previous run: before and now</source>
            <translation>Jede Zelle, deren Ergebnis sich vom vorigen Lauf unterscheidet: vorher und jetzt</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Fall</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Pass/fail</source>
            <translation>Bestanden</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Vorher</translation>
        </message>
        <message>
            <source>After</source>
            <translation>Nachher</translation>
        </message>
        <message>
            <source>The first {MAX_ROWS} of {count} are listed.</source>
            <translation>Die ersten {MAX_ROWS} von {count} werden gezeigt.</translation>
        </message>
    </context>
    <context>
        <name>ChatSession</name>
        <message>
            <source>Replay sends a stored request unchanged, and your organization sets some of what a request carries. Use Regenerate to ask again.</source>
            <extracomment>The library prompt and values it was asked with; None when no system prompt is sent. The administrator's policy: every settings change passes through it (see policy.py). The built-in variables' values at send time (replaced in tests and by the window). For a chat on a library prompt: the exact version its system prompt is, the prompt's name and the label followed (the window's library answers; None: the settings alone). The seed a reproducible chat sends when none is set (replaced in tests). Reads the bytes of a stored reply's request by its message id (the history sets it on the chats it loads); raises RequestUnavailable when they cannot be read.</extracomment>
            <translation>„Wiederholen“ sendet eine gespeicherte Anfrage unverändert, und Ihre Organisation legt einiges von dem fest, was eine Anfrage enthält. Verwenden Sie „Neu erzeugen“, um erneut zu fragen.</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it first.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie zuerst an.</translation>
        </message>
    </context>
    <context>
        <name>CheckPage</name>
        <message>
            <source>Testing the connection</source>
            <translation>Verbindung wird getestet</translation>
        </message>
        <message>
            <source>Endpoint tested</source>
            <translation>Endpunkt getestet</translation>
        </message>
    </context>
    <context>
        <name>ChoosePage</name>
        <message>
            <source>Use the server found on this computer</source>
            <translation>Den auf diesem Computer gefundenen Server verwenden</translation>
        </message>
        <message>
            <source>Connect to the OpenAI-compatible server that answered on this computer</source>
            <translation>Mit dem OpenAI-kompatiblen Server verbinden, der auf diesem Computer geantwortet hat</translation>
        </message>
        <message>
            <source>Cloudflare Workers AI</source>
            <translation>Cloudflare Workers AI</translation>
        </message>
        <message>
            <source>Llama 3.1 8B on Cloudflare's network. You need a Cloudflare account; the free plan is enough to start.</source>
            <translation>Llama 3.1 8B im Netz von Cloudflare. Sie brauchen ein Cloudflare-Konto; der kostenlose Tarif genügt für den Anfang.</translation>
        </message>
        <message>
            <source>Chat through Cloudflare Workers AI with your account ID and an API token</source>
            <translation>Über Cloudflare Workers AI chatten, mit Ihrer Konto-ID und einem API-Token</translation>
        </message>
        <message>
            <source>A server on this computer or network</source>
            <translation>Ein Server auf diesem Computer oder im Netzwerk</translation>
        </message>
        <message>
            <source>vLLM, SGLang, TensorRT-LLM, llama.cpp, LM Studio or Ollama serving an OpenAI-compatible API.</source>
            <translation>vLLM, SGLang, TensorRT-LLM, llama.cpp, LM Studio oder Ollama mit einer OpenAI-kompatiblen API.</translation>
        </message>
        <message>
            <source>Chat with an OpenAI-compatible server you run yourself</source>
            <translation>Mit einem OpenAI-kompatiblen Server chatten, den Sie selbst betreiben</translation>
        </message>
        <message>
            <source>Looking for a server on this computer…</source>
            <translation>Suche nach einem Server auf diesem Computer…</translation>
        </message>
        <message>
            <source>Local server search</source>
            <translation>Suche nach lokalem Server</translation>
        </message>
        <message>
            <source>Welcome to LlamaDesk</source>
            <translation>Willkommen bei LlamaDesk</translation>
        </message>
        <message>
            <source>Which service should answer your messages?</source>
            <translation>Welcher Dienst soll Ihre Nachrichten beantworten?</translation>
        </message>
        <message>
            <source>No server answered on the usual local ports.</source>
            <translation>Auf den üblichen lokalen Ports hat kein Server geantwortet.</translation>
        </message>
        <message>
            <source>Use the server found at {address}</source>
            <translation>Den Server unter {address} verwenden</translation>
        </message>
        <message>
            <source>Serving {model}. Nothing else to enter.</source>
            <translation>Stellt {model} bereit. Sonst ist nichts einzugeben.</translation>
        </message>
        <message>
            <source>It asks for an API key: you enter it on the next page.</source>
            <translation>Er verlangt einen API-Schlüssel: Den geben Sie auf der nächsten Seite ein.</translation>
        </message>
    </context>
    <context>
        <name>CodeHtml</name>
        <message>
            <source>Copy</source>
            <extracomment>Languages models write most. Loading a lexer the first time takes 15-90 ms (its module is imported and its rules compiled), which would stall the window at the first code block.</extracomment>
            <translation>Kopieren</translation>
        </message>
    </context>
    <context>
        <name>Compare</name>
        <message>
            <source>Same seed, different text: this server does not repeat answers for a seed</source>
            <translation>Gleicher Seed, anderer Text: Dieser Server wiederholt Antworten für einen Seed nicht</translation>
        </message>
        <message>
            <source>Same words as {names}.</source>
            <translation>Dieselben Wörter wie {names}.</translation>
        </message>
        <message>
            <source>{words} not in pane {value}</source>
            <translation>{words} nicht in Bereich {value}</translation>
        </message>
        <message>
            <source>Highlighted: {marked}.</source>
            <translation>Hervorgehoben: {marked}.</translation>
        </message>
        <message>
            <source>Pane {value} has {words} more.</source>
            <translation>Bereich {value} hat {words} mehr.</translation>
        </message>
        <message numerus="yes">
            <source>%n word(s)</source>
            <translation>
                <numerusform>%n Wort</numerusform>
                <numerusform>%n Wörter</numerusform>
            </translation>
        </message>
        <message>
            <source>Panes {numbers} and {numbers2}</source>
            <translation>Bereiche {numbers} und {numbers2}</translation>
        </message>
        <message>
            <source>Panes </source>
            <translation>Bereiche </translation>
        </message>
    </context>
    <context>
        <name>CompareController</name>
        <message>
            <source>A pane is still streaming: stop it first.</source>
            <translation>Ein Bereich streamt noch: Halten Sie ihn zuerst an.</translation>
        </message>
        <message>
            <source>Back to chat</source>
            <translation>Zurück zum Chat</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Vergleich</translation>
        </message>
        <message>
            <source>A compare holds at most {MAX_PANES} panes; remove one first.</source>
            <translation>Ein Vergleich hat höchstens {MAX_PANES} Bereiche; entfernen Sie zuerst einen.</translation>
        </message>
        <message>
            <source>Not sent: {why}</source>
            <translation>Nicht gesendet: {why}</translation>
        </message>
        <message>
            <source>Sent to {sent} of {count} panes.</source>
            <translation>An {sent} von {count} Bereichen gesendet.</translation>
        </message>
        <message>
            <source>All panes have finished.</source>
            <translation>Alle Bereiche sind fertig.</translation>
        </message>
        <message>
            <source>This pane is still streaming: stop it first.</source>
            <translation>Dieser Bereich streamt noch: Halten Sie ihn zuerst an.</translation>
        </message>
    </context>
    <context>
        <name>CompareDialog</name>
        <message>
            <source>Compare with saved</source>
            <translation>Mit gespeicherter Version vergleichen</translation>
        </message>
        <message>
            <source>Compare with saved: {prompt_name}</source>
            <translation>Mit gespeicherter Version vergleichen: {prompt_name}</translation>
        </message>
        <message>
            <source>version {number} (saved)</source>
            <translation>Version {number} (gespeichert)</translation>
        </message>
        <message>
            <source>your edit</source>
            <translation>Ihre Änderung</translation>
        </message>
    </context>
    <context>
        <name>CompareFileActions</name>
        <message>
            <source>Markdown (*.md)</source>
            <translation>Markdown (*.md)</translation>
        </message>
        <message>
            <source>JSON (*.json)</source>
            <translation>JSON (*.json)</translation>
        </message>
        <message>
            <source>Start a compare first (Ctrl+Shift+K): there is nothing to export yet.</source>
            <translation>Starten Sie zuerst einen Vergleich (Strg+Umschalt+K): Noch gibt es nichts zu exportieren.</translation>
        </message>
        <message>
            <source>This compare is not in the history (it is off), so it cannot be exported.</source>
            <translation>Dieser Vergleich ist nicht im Verlauf (der ist ausgeschaltet) und kann daher nicht exportiert werden.</translation>
        </message>
        <message>
            <source>Export this compare as {kind}</source>
            <translation>Diesen Vergleich als {kind} exportieren</translation>
        </message>
        <message>
            <source>The compare could not be exported: {reason}.</source>
            <translation>Der Vergleich konnte nicht exportiert werden: {reason}.</translation>
        </message>
        <message>
            <source>Exported “{title}” to {path}.</source>
            <translation>„{title}“ wurde nach {path} exportiert.</translation>
        </message>
    </context>
    <context>
        <name>CompareMenu</name>
        <message>
            <source>Compar&amp;e</source>
            <extracomment>Enter or leave compare mode.</extracomment>
            <translation>&amp;Vergleich</translation>
        </message>
        <message>
            <source>&amp;Compare side by side</source>
            <translation>&amp;Nebeneinander vergleichen</translation>
        </message>
        <message>
            <source>&amp;Add pane</source>
            <translation>Bereich &amp;hinzufügen</translation>
        </message>
        <message>
            <source>&amp;Stop every pane</source>
            <translation>&amp;Alle Bereiche anhalten</translation>
        </message>
        <message>
            <source>&amp;Focus message to all</source>
            <translation>&amp;Fokus auf Nachricht an alle</translation>
        </message>
        <message>
            <source>Export compare as &amp;Markdown…</source>
            <translation>Vergleich als &amp;Markdown exportieren…</translation>
        </message>
        <message>
            <source>Export compare as &amp;JSON…</source>
            <translation>Vergleich als &amp;JSON exportieren…</translation>
        </message>
    </context>
    <context>
        <name>ComparePane</name>
        <message>
            <source>Figures of this pane's last reply</source>
            <extracomment>A pane is never narrower than this: past four panes' worth, the row scrolls sideways.</extracomment>
            <translation>Kennzahlen der letzten Antwort dieses Bereichs</translation>
        </message>
        <message>
            <source>What went wrong in this pane</source>
            <translation>Was in diesem Bereich schiefgegangen ist</translation>
        </message>
        <message>
            <source>How this pane's reply differs</source>
            <translation>Wie sich die Antwort dieses Bereichs unterscheidet</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Stop this pane's reply and keep its text</source>
            <translation>Die Antwort dieses Bereichs anhalten und ihren Text behalten</translation>
        </message>
        <message>
            <source>Continue with this one</source>
            <translation>Hiermit weiter</translation>
        </message>
        <message>
            <source>Leave compare mode and go on with this pane's conversation as a normal chat</source>
            <translation>Den Vergleich verlassen und die Unterhaltung dieses Bereichs als normalen Chat fortsetzen</translation>
        </message>
        <message>
            <source>Remove this pane (at least two stay)</source>
            <translation>Diesen Bereich entfernen (mindestens zwei bleiben)</translation>
        </message>
        <message>
            <source>Pane {number}</source>
            <translation>Bereich {number}</translation>
        </message>
        <message>
            <source>Stop pane {number}</source>
            <translation>Bereich {number} anhalten</translation>
        </message>
        <message>
            <source>Continue with pane {number}</source>
            <translation>Mit Bereich {number} weitermachen</translation>
        </message>
        <message>
            <source>Remove pane {number}</source>
            <translation>Bereich {number} entfernen</translation>
        </message>
        <message>
            <source>Pane {number} conversation</source>
            <translation>Unterhaltung in Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} figures</source>
            <translation>Kennzahlen von Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} error</source>
            <translation>Fehler in Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} differences</source>
            <translation>Unterschiede in Bereich {number}</translation>
        </message>
    </context>
    <context>
        <name>CompareRepliesDialog</name>
        <message>
            <source>comparing needs two versions</source>
            <translation>Zum Vergleichen braucht es zwei Versionen</translation>
        </message>
        <message>
            <source>Compare replies</source>
            <extracomment>Each version's provenance with its request's bytes where they could be read (the seed and parameters are in them); its own otherwise.</extracomment>
            <translation>Antworten vergleichen</translation>
        </message>
        <message>
            <source>Left version</source>
            <translation>Linke Version</translation>
        </message>
        <message>
            <source>Right version</source>
            <translation>Rechte Version</translation>
        </message>
        <message>
            <source>&amp;Left:</source>
            <translation>&amp;Links:</translation>
        </message>
        <message>
            <source>&amp;Right:</source>
            <translation>&amp;Rechts:</translation>
        </message>
        <message>
            <source>Seed and request body</source>
            <translation>Seed und Anfragetext</translation>
        </message>
        <message>
            <source>Which version of the reply this side shows</source>
            <translation>Welche Version der Antwort diese Seite zeigt</translation>
        </message>
        <message>
            <source>Version {n} of {count}{about}</source>
            <translation>Version {n} von {count}{about}</translation>
        </message>
        <message>
            <source>version {value}</source>
            <translation>Version {value}</translation>
        </message>
        <message>
            <source>Both sides show {names}: choose another version on one side.</source>
            <translation>Beide Seiten zeigen {names}: Wählen Sie auf einer Seite eine andere Version.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Requests:&lt;/b&gt; {escape}</source>
            <translation>&lt;b&gt;Anfragen:&lt;/b&gt; {escape}</translation>
        </message>
        <message>
            <source>seed {seed}</source>
            <translation>Seed {seed}</translation>
        </message>
        <message>
            <source>replay</source>
            <translation>Wiederholung</translation>
        </message>
    </context>
    <context>
        <name>CompareSession</name>
        <message>
            <source>A compare holds at most {MAX_PANES} panes.</source>
            <translation>Ein Vergleich hat höchstens {MAX_PANES} Bereiche.</translation>
        </message>
        <message>
            <source>A compare holds at most {MAX_PANES} panes; remove one first.</source>
            <translation>Ein Vergleich hat höchstens {MAX_PANES} Bereiche; entfernen Sie zuerst einen.</translation>
        </message>
        <message>
            <source>A compare needs at least {MIN_PANES} panes.</source>
            <translation>Ein Vergleich braucht mindestens {MIN_PANES} Bereiche.</translation>
        </message>
        <message>
            <source>That pane is still streaming: stop it first.</source>
            <translation>Dieser Bereich streamt noch: Halten Sie ihn zuerst an.</translation>
        </message>
        <message>
            <source>that chat is not a pane of this compare</source>
            <translation>dieser Chat ist kein Bereich dieses Vergleichs</translation>
        </message>
    </context>
    <context>
        <name>CompareView</name>
        <message>
            <source>Add pane</source>
            <translation>Bereich hinzufügen</translation>
        </message>
        <message>
            <source>Add a pane with the last pane's settings, up to four (Ctrl+Shift+N)</source>
            <translation>Einen Bereich mit den Einstellungen des letzten Bereichs hinzufügen, bis zu vier (Strg+Umschalt+N)</translation>
        </message>
        <message>
            <source>Compare panes</source>
            <translation>Vergleichsbereiche</translation>
        </message>
        <message>
            <source>Compare status</source>
            <translation>Vergleichsstatus</translation>
        </message>
        <message>
            <source>Message to every pane</source>
            <translation>Nachricht an alle Bereiche</translation>
        </message>
        <message>
            <source>Message every pane…  (Enter sends to all)</source>
            <translation>Nachricht an alle Bereiche…  (Eingabetaste sendet an alle)</translation>
        </message>
        <message>
            <source>Send to all</source>
            <translation>An alle senden</translation>
        </message>
        <message>
            <source>Send the message to every pane at once (Enter)</source>
            <translation>Die Nachricht gleichzeitig an alle Bereiche senden (Eingabetaste)</translation>
        </message>
        <message>
            <source>Send to all panes</source>
            <translation>An alle Bereiche senden</translation>
        </message>
        <message>
            <source>Stop all</source>
            <translation>Alle anhalten</translation>
        </message>
        <message>
            <source>Stop every pane's reply and keep their text (Esc)</source>
            <translation>Die Antworten aller Bereiche anhalten und ihren Text behalten (Esc)</translation>
        </message>
        <message>
            <source>Stop all panes</source>
            <translation>Alle Bereiche anhalten</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Message</source>
            <translation>Nachricht</translation>
        </message>
        <message>
            <source>Type a message. Enter sends it, Shift+Enter adds a line.</source>
            <translation>Geben Sie eine Nachricht ein. Die Eingabetaste sendet sie, Umschalt+Eingabe fügt eine Zeile hinzu.</translation>
        </message>
        <message>
            <source>Enter sends · Shift+Enter adds a line · Esc stops a reply</source>
            <translation>Eingabe sendet · Umschalt+Eingabe neue Zeile · Esc hält eine Antwort an</translation>
        </message>
        <message>
            <source>Message Llama…  (Enter to send, Shift+Enter for a new line)</source>
            <translation>Nachricht an Llama…  (Eingabe sendet, Umschalt+Eingabe für neue Zeile)</translation>
        </message>
    </context>
    <context>
        <name>ContextMeter</name>
        <message>
            <source>This message does not fit</source>
            <extracomment>Typing pauses this long before the meter is recomputed (it reads the whole conversation). (title, text, details, risk) asked before an overflow in plain words (Simple mode); None: the usual ones, with the figures.</extracomment>
            <translation>Diese Nachricht passt nicht</translation>
        </message>
        <message>
            <source>The conversation is too long for the model to read with your message.</source>
            <translation>Die Unterhaltung ist zu lang, als dass das Modell sie mit Ihrer Nachricht lesen könnte.</translation>
        </message>
        <message>
            <source>Together they take about {prompt_tokens:,} tokens; the model reads at most {window:,} (its context window), its answer included. Start a new chat with this message (same system prompt and parameters), or shorten it.</source>
            <translation>Zusammen umfassen sie etwa {prompt_tokens:,} Tokens; das Modell liest höchstens {window:,} (sein Kontextfenster), seine Antwort eingeschlossen. Beginnen Sie mit dieser Nachricht einen neuen Chat (gleicher Systemprompt, gleiche Parameter) oder kürzen Sie sie.</translation>
        </message>
        <message>
            <source>New chat with this message</source>
            <translation>Neuer Chat mit dieser Nachricht</translation>
        </message>
        <message>
            <source>Send anyway</source>
            <translation>Trotzdem senden</translation>
        </message>
        <message>
            <source>The server will most likely refuse it or answer only a few words</source>
            <translation>Der Server wird sie wahrscheinlich ablehnen oder nur mit wenigen Worten antworten</translation>
        </message>
        <message>
            <source>counted by the server</source>
            <translation>vom Server gezählt</translation>
        </message>
        <message>
            <source>≈ {prompt} tokens</source>
            <translation>≈ {prompt} Tokens</translation>
        </message>
        <message>
            <source>The conversation and your message: about {prompt} tokens ({how}). The model's context window is known after its first answer.</source>
            <translation>Die Unterhaltung und Ihre Nachricht: etwa {prompt} Tokens ({how}). Das Kontextfenster des Modells ist nach seiner ersten Antwort bekannt.</translation>
        </message>
        <message>
            <source>≈ {prompt} / {window} tokens: too long</source>
            <translation>≈ {prompt} / {window} Tokens: zu lang</translation>
        </message>
        <message>
            <source>The conversation and your message do not fit the model's context window: start a new chat or shorten the message.</source>
            <translation>Die Unterhaltung und Ihre Nachricht passen nicht in das Kontextfenster des Modells: Beginnen Sie einen neuen Chat oder kürzen Sie die Nachricht.</translation>
        </message>
        <message>
            <source>≈ {prompt} / {window} tokens · reply up to {room}</source>
            <translation>≈ {prompt} / {window} Tokens · Antwort bis {room}</translation>
        </message>
        <message>
            <source>Little room is left: the reply can be at most {room} tokens. A new chat starts with the whole window.</source>
            <translation>Es bleibt wenig Platz: Die Antwort kann höchstens {room} Tokens lang werden. Ein neuer Chat beginnt mit dem ganzen Fenster.</translation>
        </message>
        <message>
            <source>≈ {prompt} / {window} tokens</source>
            <translation>≈ {prompt} / {window} Tokens</translation>
        </message>
        <message>
            <source>The conversation and your message take about {prompt} of the {window} tokens the model can read ({how}); {reply_tokens:,} more are kept for the reply.</source>
            <translation>Die Unterhaltung und Ihre Nachricht belegen etwa {prompt} der {window} Tokens, die das Modell lesen kann ({how}); {reply_tokens:,} weitere bleiben für die Antwort frei.</translation>
        </message>
    </context>
    <context>
        <name>Conversation</name>
        <message>
            <source>The reply failed. {reason}</source>
            <extracomment>Qt keeps every factory installed for the life of the process: install ours once.</extracomment>
            <translation>Die Antwort ist fehlgeschlagen. {reason}</translation>
        </message>
        <message>
            <source>Reply stopped.</source>
            <translation>Antwort angehalten.</translation>
        </message>
        <message>
            <source>Reply finished.</source>
            <translation>Antwort fertig.</translation>
        </message>
        <message>
            <source>You</source>
            <extracomment>A screen reader gets at most this much of one message's text (the rest: a note saying so). A streamed reply's pieces are joined every this many tokens (~0.4 µs a token otherwise).</extracomment>
            <translation>Sie</translation>
        </message>
        <message>
            <source>Your message</source>
            <translation>Ihre Nachricht</translation>
        </message>
        <message>
            <source>Reply from the assistant</source>
            <translation>Antwort des Assistenten</translation>
        </message>
        <message>
            <source>(no text yet)</source>
            <translation>(noch kein Text)</translation>
        </message>
        <message>
            <source>{author}: {text}</source>
            <translation>{author}: {text}</translation>
        </message>
        <message>
            <source>(The message goes on; the rest is in the conversation.)</source>
            <translation>(Die Nachricht geht weiter; der Rest steht in der Unterhaltung.)</translation>
        </message>
    </context>
    <context>
        <name>ConversationDisplay</name>
        <message>
            <source>Waiting for the answer… {seconds} s (Esc stops; a large model or a busy server can take a while to start)</source>
            <translation>Warte auf die Antwort… {seconds} s (Esc hält an; ein großes Modell oder ein ausgelasteter Server braucht manchmal eine Weile)</translation>
        </message>
    </context>
    <context>
        <name>ConversationList</name>
        <message>
            <source>New conversation</source>
            <translation>Neue Unterhaltung</translation>
        </message>
    </context>
    <context>
        <name>ConversationListModel</name>
        <message>
            <source>Compare: </source>
            <translation>Vergleich: </translation>
        </message>
        <message>
            <source>Pinned: </source>
            <translation>Angeheftet: </translation>
        </message>
    </context>
    <context>
        <name>ConversationView</name>
        <message>
            <source>Conversation</source>
            <extracomment>A streamed token waits up to this long for its repaint, plus the repaint itself (up to ~20 ms on a 100k-token conversation): 20 keeps every token inside the 50 ms budget; 33 did not. CPU time one timer turn may spend writing before it lets the event loop run (the last chunk may overrun it by about one chunk, ~8 ms). CPU time a call (show_messages, end_reply, ...) may spend before it leaves the rest to timer turns. Whatever the time, a call first draws chunks whose estimated weight (from the text alone, so the same on every run) adds up to CALL_FLOOR_US: a short chat or the end of a normal reply is always complete when the call returns, on a loaded machine too. After this long (the window is up by then), the rendering stack and the common code lexers load in the background.</extracomment>
            <translation>Unterhaltung</translation>
        </message>
        <message>
            <source>The conversation. Links under each reply copy, continue or retry it.</source>
            <translation>Die Unterhaltung. Links unter jeder Antwort kopieren, setzen fort oder wiederholen sie.</translation>
        </message>
    </context>
    <context>
        <name>Counts</name>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n Fall</numerusform>
                <numerusform>%n Fälle</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n request(s)</source>
            <translation>
                <numerusform>%n Anfrage</numerusform>
                <numerusform>%n Anfragen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cell(s)</source>
            <translation>
                <numerusform>%n Zelle</numerusform>
                <numerusform>%n Zellen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s)</source>
            <translation>
                <numerusform>%n Antwort</numerusform>
                <numerusform>%n Antworten</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DetailRows</name>
        <message>
            <source>not recorded</source>
            <translation>nicht aufgezeichnet</translation>
        </message>
        <message>
            <source>Workers AI (native API)</source>
            <extracomment>Body characters the view shows at most (Copy exact body copies all of it).</extracomment>
            <translation>Workers AI (native API)</translation>
        </message>
        <message>
            <source>OpenAI-compatible</source>
            <translation>OpenAI-kompatibel</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>Endpunkt</translation>
        </message>
        <message>
            <source>Host</source>
            <translation>Host</translation>
        </message>
        <message>
            <source>Dialect</source>
            <translation>Dialekt</translation>
        </message>
        <message>
            <source>Model as served</source>
            <translation>Modell laut Server</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Prompt version</source>
            <translation>Prompt-Version</translation>
        </message>
        <message>
            <source>Variable values</source>
            <translation>Variablenwerte</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>Anfrage</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Seed</translation>
        </message>
        <message>
            <source>Other parameters</source>
            <translation>Weitere Parameter</translation>
        </message>
        <message>
            <source>none sent (the server's defaults)</source>
            <translation>keine gesendet (Standardwerte des Servers)</translation>
        </message>
        <message>
            <source>not known: {unreadable}</source>
            <translation>unbekannt: {unreadable}</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>unbekannt</translation>
        </message>
        <message>
            <source>Parameters sent</source>
            <translation>Gesendete Parameter</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Body size</source>
            <translation>Größe des Anfragetexts</translation>
        </message>
        <message>
            <source>{size:,} bytes</source>
            <translation>{size:,} Bytes</translation>
        </message>
        <message>
            <source>Token masked</source>
            <translation>Token maskiert</translation>
        </message>
        <message>
            <source>yes: the endpoint's token was in this request (the server lists it as its model name), so the body kept here has it masked: it is not the exact body sent and it cannot be replayed. The SHA-256 above is of the bytes sent.</source>
            <translation>ja: Das Token des Endpunkts stand in dieser Anfrage (der Server nennt es als Modellnamen). Im hier aufbewahrten Anfragetext ist es daher maskiert: Es ist nicht der genau gesendete Text und kann nicht erneut gesendet werden. Die SHA-256-Summe oben gilt für die gesendeten Bytes.</translation>
        </message>
        <message>
            <source>Request ID</source>
            <translation>Anfrage-ID</translation>
        </message>
        <message>
            <source>none (the server sent no request id)</source>
            <translation>keine (der Server hat keine Anfrage-ID gesendet)</translation>
        </message>
        <message>
            <source>Replay of</source>
            <translation>Wiederholung von</translation>
        </message>
        <message>
            <source>message {replay_of}</source>
            <translation>Nachricht {replay_of}</translation>
        </message>
        <message>
            <source>Continued</source>
            <translation>Fortgesetzt</translation>
        </message>
        <message>
            <source>yes: the body is the request that continued this reply</source>
            <translation>ja: Der Anfragetext ist die Anfrage, die diese Antwort fortgesetzt hat</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Antwort</translation>
        </message>
        <message>
            <source>Usage</source>
            <translation>Verbrauch</translation>
        </message>
        <message>
            <source>{prompt_tokens:,} prompt + {completion_tokens:,} reply = {total_tokens:,} tokens</source>
            <translation>{prompt_tokens:,} Prompt + {completion_tokens:,} Antwort = {total_tokens:,} Tokens</translation>
        </message>
        <message>
            <source> ({cached_tokens:,} cached)</source>
            <translation> ({cached_tokens:,} zwischengespeichert)</translation>
        </message>
        <message>
            <source>Finish reason</source>
            <translation>Grund für das Ende</translation>
        </message>
        <message>
            <source>Time to first token</source>
            <translation>Zeit bis zum ersten Token</translation>
        </message>
        <message>
            <source>Tokens/s</source>
            <translation>Tokens/s</translation>
        </message>
        <message>
            <source>The body is not UTF-8 text: undecodable bytes are shown as �.</source>
            <translation>Der Anfragetext ist kein UTF-8-Text: Nicht lesbare Bytes werden als � gezeigt.</translation>
        </message>
        <message>
            <source>Shown indented for reading; Copy exact body copies the bytes exactly as sent.</source>
            <translation>Zum Lesen eingerückt gezeigt; „Exakten Anfragetext kopieren“ kopiert die Bytes genau so, wie sie gesendet wurden.</translation>
        </message>
        <message>
            <source>Shown exactly as sent (it is not JSON).</source>
            <translation>Genau so gezeigt, wie er gesendet wurde (es ist kein JSON).</translation>
        </message>
        <message>
            <source>Only the first {MAX_SHOWN_BODY_CHARS:,} characters are shown; Copy exact body copies all of it.</source>
            <translation>Nur die ersten {MAX_SHOWN_BODY_CHARS:,} Zeichen werden gezeigt; „Exakten Anfragetext kopieren“ kopiert alles.</translation>
        </message>
        <message>
            <source>none (not a library prompt)</source>
            <translation>keiner (kein Prompt aus der Bibliothek)</translation>
        </message>
        <message>
            <source>a prompt</source>
            <translation>ein Prompt</translation>
        </message>
        <message>
            <source>{named} version {version}, of the library this chat was imported from</source>
            <translation>{named} Version {version}, aus der Bibliothek, aus der dieser Chat importiert wurde</translation>
        </message>
        <message>
            <source>(label “{label}”)</source>
            <translation>(Label „{label}“)</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keine</translation>
        </message>
        <message>
            <source> (long values were shortened where this was kept; the body holds them whole)</source>
            <translation> (lange Werte wurden beim Aufbewahren gekürzt; der Anfragetext enthält sie vollständig)</translation>
        </message>
        <message>
            <source>none sent (the server chose its own)</source>
            <translation>keiner gesendet (der Server hat selbst einen gewählt)</translation>
        </message>
        <message>
            <source> (random, made because the chat is reproducible)</source>
            <translation> (zufällig, erzeugt, weil der Chat reproduzierbar ist)</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
    </context>
    <context>
        <name>DiffHtml</name>
        <message>
            <source>⋯ {folded:,} unchanged lines ⋯
</source>
            <extracomment>Characters of text drawn at most; beyond, a note says the rest is not shown. An unchanged stretch longer than this many lines is folded to its first and last CONTEXT_LINES, so that every change of a long prompt is drawn (and drawn quickly).</extracomment>
            <translation>⋯ {folded:,} unveränderte Zeilen ⋯
</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;i&gt;Only the first {MAX_SHOWN_CHARS:,} characters are shown. Export both versions to compare the rest in another tool.&lt;/i&gt;&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;i&gt;Nur die ersten {MAX_SHOWN_CHARS:,} Zeichen werden gezeigt. Exportieren Sie beide Versionen, um den Rest mit einem anderen Werkzeug zu vergleichen.&lt;/i&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <source>No differences: {old_name} and {new_name} are the same text.</source>
            <translation>Keine Unterschiede: {old_name} und {new_name} sind derselbe Text.</translation>
        </message>
        <message>
            <source>From {old_name} to {new_name}: {added:,} words added, {removed:,} removed.</source>
            <translation>Von {old_name} zu {new_name}: {added:,} Wörter hinzugefügt, {removed:,} entfernt.</translation>
        </message>
        <message>
            <source> Parts too different to compare word by word are shown as whole blocks.</source>
            <translation> Teile, die zu verschieden für einen Vergleich Wort für Wort sind, werden als ganze Blöcke gezeigt.</translation>
        </message>
    </context>
    <context>
        <name>DiffPane</name>
        <message>
            <source>Side b&amp;y side</source>
            <translation>Neben&amp;einander</translation>
        </message>
        <message>
            <source>Show side by side</source>
            <translation>Nebeneinander zeigen</translation>
        </message>
        <message>
            <source>The old text on the left, the new one on the right</source>
            <translation>Der alte Text links, der neue rechts</translation>
        </message>
        <message>
            <source>removed words are struck through (red), added words underlined (green)</source>
            <translation>entfernte Wörter sind durchgestrichen (rot), hinzugefügte unterstrichen (grün)</translation>
        </message>
        <message>
            <source>Both versions in one text: {marks}</source>
            <translation>Beide Versionen in einem Text: {marks}</translation>
        </message>
        <message>
            <source>The older text: removed words struck through</source>
            <translation>Der ältere Text: entfernte Wörter durchgestrichen</translation>
        </message>
        <message>
            <source>The newer text: added words underlined</source>
            <translation>Der neuere Text: hinzugefügte Wörter unterstrichen</translation>
        </message>
        <message>
            <source>Older text</source>
            <translation>Älterer Text</translation>
        </message>
        <message>
            <source>Newer text</source>
            <translation>Neuerer Text</translation>
        </message>
        <message>
            <source>added: {names}</source>
            <translation>hinzugefügt: {names}</translation>
        </message>
        <message>
            <source>removed: {names}</source>
            <translation>entfernt: {names}</translation>
        </message>
        <message>
            <source>changed: {names}</source>
            <translation>geändert: {names}</translation>
        </message>
        <message>
            <source>Variables {join}.</source>
            <translation>Variablen {join}.</translation>
        </message>
    </context>
    <context>
        <name>DiffView</name>
        <message>
            <source>Differences</source>
            <translation>Unterschiede</translation>
        </message>
        <message>
            <source>The older text; what was removed is struck through</source>
            <translation>Der ältere Text; Entferntes ist durchgestrichen</translation>
        </message>
        <message>
            <source>The newer text; what was added is underlined</source>
            <translation>Der neuere Text; Hinzugefügtes ist unterstrichen</translation>
        </message>
    </context>
    <context>
        <name>Disk</name>
        <message>
            <source>Settings and chats in this window are kept in memory only and will not be saved.</source>
            <extracomment>SQLite codes that only say "it did not work": the folder itself is asked why.</extracomment>
            <translation>Einstellungen und Chats in diesem Fenster werden nur im Arbeitsspeicher gehalten und nicht gespeichert.</translation>
        </message>
        <message>
            <source>LlamaDesk cannot keep its data in {data_dir}: that is a file, not a folder. {memory} Move the file away, or start LlamaDesk with --data-dir and a folder.</source>
            <translation>LlamaDesk kann seine Daten nicht in {data_dir} ablegen: Das ist eine Datei, kein Ordner. {memory} Verschieben Sie die Datei oder starten Sie LlamaDesk mit --data-dir und einem Ordner.</translation>
        </message>
        <message>
            <source>The disk holding LlamaDesk's data folder {data_dir} is full. {memory} Free some space, then restart LlamaDesk.</source>
            <translation>Der Datenträger mit dem Datenordner von LlamaDesk {data_dir} ist voll. {memory} Schaffen Sie Platz und starten Sie LlamaDesk dann neu.</translation>
        </message>
        <message>
            <source>it is read-only</source>
            <translation>er ist schreibgeschützt</translation>
        </message>
        <message>
            <source>it does not exist and cannot be created there (read-only)</source>
            <translation>er existiert nicht und kann dort nicht angelegt werden (schreibgeschützt)</translation>
        </message>
        <message>
            <source>LlamaDesk cannot write to its data folder {data_dir}: {what}. {memory} Make it writable, or start LlamaDesk with --data-dir and another folder.</source>
            <translation>LlamaDesk kann nicht in seinen Datenordner {data_dir} schreiben: {what}. {memory} Machen Sie ihn beschreibbar oder starten Sie LlamaDesk mit --data-dir und einem anderen Ordner.</translation>
        </message>
        <message>
            <source>LlamaDesk cannot write to its data folder {data_dir} (a disk error). {memory} Check the disk, then restart LlamaDesk.</source>
            <translation>LlamaDesk kann nicht in seinen Datenordner {data_dir} schreiben (ein Fehler des Datenträgers). {memory} Prüfen Sie den Datenträger und starten Sie LlamaDesk dann neu.</translation>
        </message>
        <message>
            <source>cannot be saved: the disk is full (free some space, then restart LlamaDesk)</source>
            <translation>kann nicht gespeichert werden: Der Datenträger ist voll (schaffen Sie Platz und starten Sie LlamaDesk dann neu)</translation>
        </message>
        <message>
            <source>cannot be saved: it or its folder is read-only</source>
            <translation>kann nicht gespeichert werden: Sie oder ihr Ordner ist schreibgeschützt</translation>
        </message>
        <message>
            <source>cannot be saved: its folder is a file, not a folder</source>
            <translation>kann nicht gespeichert werden: Ihr Ordner ist eine Datei, kein Ordner</translation>
        </message>
        <message>
            <source>is in use by another program (close it, then restart LlamaDesk)</source>
            <translation>wird von einem anderen Programm verwendet (schließen Sie es und starten Sie LlamaDesk dann neu)</translation>
        </message>
        <message>
            <source>is damaged ({plain})</source>
            <translation>ist beschädigt ({plain})</translation>
        </message>
        <message>
            <source>could not be read or written: the disk reported an error ({plain})</source>
            <translation>konnte nicht gelesen oder geschrieben werden: Der Datenträger meldete einen Fehler ({plain})</translation>
        </message>
        <message>
            <source>could not be used ({plain})</source>
            <translation>konnte nicht verwendet werden ({plain})</translation>
        </message>
        <message>
            <source>Chats are kept in memory only from now on</source>
            <translation>Chats werden ab jetzt nur im Arbeitsspeicher gehalten</translation>
        </message>
        <message>
            <source>History could not be saved: the disk is full. {memory}; free some space, then restart LlamaDesk to save them again.</source>
            <translation>Der Verlauf konnte nicht gespeichert werden: Der Datenträger ist voll. {memory}; schaffen Sie Platz und starten Sie LlamaDesk dann neu, um sie wieder zu speichern.</translation>
        </message>
        <message>
            <source>the history file or its folder became read-only</source>
            <translation>die Verlaufsdatei oder ihr Ordner ist schreibgeschützt geworden</translation>
        </message>
        <message>
            <source>the history file is damaged ({plain})</source>
            <translation>die Verlaufsdatei ist beschädigt ({plain})</translation>
        </message>
        <message>
            <source>History could not be saved: {what}. {memory}.</source>
            <translation>Der Verlauf konnte nicht gespeichert werden: {what}. {memory}.</translation>
        </message>
    </context>
    <context>
        <name>EditorController</name>
        <message>
            <source>Test sets and cases (*.yaml *.yml *.json *.csv);;All files (*)</source>
            <translation>Testsets und Fälle (*.yaml *.yml *.json *.csv);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Create or choose a test set first (New, on the left).</source>
            <translation>Legen Sie zuerst ein Testset an oder wählen Sie eines (Neu, links).</translation>
        </message>
        <message>
            <source>{counted} not added: a set holds at most {MAX_CASES:,} cases.</source>
            <translation>{counted} nicht hinzugefügt: Ein Testset enthält höchstens {MAX_CASES:,} Fälle.</translation>
        </message>
        <message>
            <source>{added} of {counted} {done}; </source>
            <translation>{added} von {counted} {done}; </translation>
        </message>
        <message>
            <source>the others could not be saved.</source>
            <translation>die übrigen konnten nicht gespeichert werden.</translation>
        </message>
        <message>
            <source>Not added: {why}.</source>
            <translation>Nicht hinzugefügt: {why}.</translation>
        </message>
        <message>
            <source>Nothing was pasted: {exc}</source>
            <translation>Nichts eingefügt: {exc}</translation>
        </message>
        <message>
            <source>The clipboard holds no text: copy cases, one per line, then paste.</source>
            <translation>Die Zwischenablage enthält keinen Text: Kopieren Sie Fälle, einen pro Zeile, und fügen Sie sie dann ein.</translation>
        </message>
        <message>
            <source>Import test set or cases</source>
            <translation>Testset oder Fälle importieren</translation>
        </message>
        <message>
            <source>imported from {name}</source>
            <translation>importiert aus {name}</translation>
        </message>
        <message>
            <source>{name} was not imported: {exc}</source>
            <translation>{name} wurde nicht importiert: {exc}</translation>
        </message>
        <message>
            <source>Imported “{name}”: {counted}.</source>
            <translation>„{name}“ importiert: {counted}.</translation>
        </message>
        <message>
            <source>Export test set</source>
            <translation>Testset exportieren</translation>
        </message>
        <message>
            <source>{name} could not be written ({value}).</source>
            <translation>{name} konnte nicht geschrieben werden ({value}).</translation>
        </message>
        <message>
            <source>Exported to {name}; `llamadesk eval {name}` runs it.</source>
            <translation>Nach {name} exportiert; `llamadesk eval {name}` führt es aus.</translation>
        </message>
        <message>
            <source>Checks of case {value}</source>
            <translation>Prüfungen von Fall {value}</translation>
        </message>
        <message>
            <source>{counted} per run</source>
            <translation>{counted} pro Lauf</translation>
        </message>
        <message>
            <source>“{name}” cannot be a variable: use letters, digits and _.</source>
            <translation>„{name}“ kann keine Variable sein: Verwenden Sie Buchstaben, Ziffern und _.</translation>
        </message>
        <message>
            <source>New variable</source>
            <translation>Neue Variable</translation>
        </message>
        <message>
            <source>Variable name (a column per case):</source>
            <translation>Name der Variablen (eine Spalte pro Fall):</translation>
        </message>
    </context>
    <context>
        <name>EndpointChoice</name>
        <message>
            <source>No endpoint is set up yet. Click Endpoints… to add one.</source>
            <translation>Es ist noch kein Endpunkt eingerichtet. Klicken Sie auf „Endpunkte…“, um einen hinzuzufügen.</translation>
        </message>
        <message>
            <source>No endpoint yet: click Endpoints…</source>
            <translation>Noch kein Endpunkt: Klicken Sie auf „Endpunkte…“</translation>
        </message>
        <message>
            <source>model served at </source>
            <translation>Modell bereitgestellt unter </translation>
        </message>
    </context>
    <context>
        <name>EndpointForm</name>
        <message>
            <source>Cloudflare dashboard → Workers AI → Use REST API: copy the Account ID.</source>
            <translation>Cloudflare-Dashboard → Workers AI → Use REST API: Kopieren Sie die Account ID.</translation>
        </message>
        <message>
            <source>Same page: “Create a Workers AI API Token”, then copy the token shown once.</source>
            <translation>Gleiche Seite: „Create a Workers AI API Token“, dann das Token kopieren, das nur einmal angezeigt wird.</translation>
        </message>
        <message>
            <source>OpenAI-compatible server (vLLM, SGLang, llama.cpp, LM Studio, Ollama…)</source>
            <translation>OpenAI-kompatibler Server (vLLM, SGLang, llama.cpp, LM Studio, Ollama…)</translation>
        </message>
        <message>
            <source>Endpoint type</source>
            <translation>Art des Endpunkts</translation>
        </message>
        <message>
            <source>Endpoint name</source>
            <translation>Name des Endpunkts</translation>
        </message>
        <message>
            <source>How this endpoint is listed</source>
            <translation>Unter diesem Namen wird der Endpunkt aufgeführt</translation>
        </message>
        <message>
            <source>Cloudflare account ID</source>
            <translation>Cloudflare-Konto-ID</translation>
        </message>
        <message>
            <source>Your 32-character account ID</source>
            <translation>Ihre 32-stellige Konto-ID</translation>
        </message>
        <message>
            <source>AI Gateway ID (optional)</source>
            <translation>AI-Gateway-ID (optional)</translation>
        </message>
        <message>
            <source>Send requests through this AI Gateway for logs, caching and limits</source>
            <translation>Anfragen über dieses AI Gateway senden, für Protokolle, Caching und Limits</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>For example http://127.0.0.1:8000 (with or without /v1)</source>
            <translation>Zum Beispiel http://127.0.0.1:8000 (mit oder ohne /v1)</translation>
        </message>
        <message>
            <source>http://127.0.0.1:8000</source>
            <translation>http://127.0.0.1:8000</translation>
        </message>
        <message>
            <source>API token</source>
            <translation>API-Token</translation>
        </message>
        <message>
            <source>Never shown again once saved; type to replace</source>
            <translation>Wird nach dem Speichern nie wieder angezeigt; zum Ersetzen neu eingeben</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <source>Type a model name or load the list</source>
            <translation>Geben Sie einen Modellnamen ein oder laden Sie die Liste</translation>
        </message>
        <message>
            <source>&amp;Load models</source>
            <translation>Modelle &amp;laden</translation>
        </message>
        <message>
            <source>Load models</source>
            <translation>Modelle laden</translation>
        </message>
        <message>
            <source>Ask the server which models it offers</source>
            <translation>Den Server fragen, welche Modelle er anbietet</translation>
        </message>
        <message>
            <source>CA bundle file</source>
            <translation>CA-Zertifikatsdatei</translation>
        </message>
        <message>
            <source>Extra CA certificates (PEM) for a company network that inspects TLS</source>
            <translation>Zusätzliche CA-Zertifikate (PEM) für ein Firmennetz, das TLS prüft</translation>
        </message>
        <message>
            <source>optional: only on company networks that need one</source>
            <translation>optional: nur in Firmennetzen, die eines brauchen</translation>
        </message>
        <message>
            <source>B&amp;rowse…</source>
            <translation>&amp;Durchsuchen…</translation>
        </message>
        <message>
            <source>Choose CA bundle</source>
            <translation>CA-Zertifikatsdatei wählen</translation>
        </message>
        <message>
            <source>Choose a PEM file</source>
            <translation>Eine PEM-Datei wählen</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <source>&amp;Account ID</source>
            <translation>&amp;Konto-ID</translation>
        </message>
        <message>
            <source>AI &amp;Gateway ID</source>
            <translation>AI-&amp;Gateway-ID</translation>
        </message>
        <message>
            <source>Server a&amp;ddress</source>
            <translation>Server&amp;adresse</translation>
        </message>
        <message>
            <source>API &amp;token</source>
            <translation>API-&amp;Token</translation>
        </message>
        <message>
            <source>&amp;Model</source>
            <translation>&amp;Modell</translation>
        </message>
        <message>
            <source>CA &amp;bundle</source>
            <translation>CA-&amp;Zertifikate</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Set by your organization</source>
            <translation>Von Ihrer Organisation festgelegt</translation>
        </message>
        <message>
            <source>the first model the server lists</source>
            <translation>das erste Modell, das der Server nennt</translation>
        </message>
        <message>
            <source>API &amp;key</source>
            <translation>API-&amp;Schlüssel</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API-Schlüssel</translation>
        </message>
        <message>
            <source>Paste your API token</source>
            <translation>Fügen Sie Ihr API-Token ein</translation>
        </message>
        <message>
            <source>Optional: only if the server needs one</source>
            <translation>Optional: nur, wenn der Server einen braucht</translation>
        </message>
        <message>
            <source>Not usable yet: {problem}.</source>
            <translation>Noch nicht verwendbar: {problem}.</translation>
        </message>
        <message>
            <source>Requests go to {normalised}</source>
            <translation>Anfragen gehen an {normalised}</translation>
        </message>
        <message>
            <source>Choose a CA bundle (PEM)</source>
            <translation>CA-Zertifikatsdatei wählen (PEM)</translation>
        </message>
        <message>
            <source>Certificates (*.pem *.crt *.cer)</source>
            <translation>Zertifikate (*.pem *.crt *.cer)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Alle Dateien (*)</translation>
        </message>
    </context>
    <context>
        <name>EndpointProfile</name>
        <message>
            <source>endpoint type</source>
            <extracomment>Where local servers listen by default: vLLM/TensorRT-LLM/NIM, SGLang, llama.cpp, LM Studio, Ollama. The welcome looks for one there.</extracomment>
            <translation>Endpunkt-Art</translation>
        </message>
        <message>
            <source>token source</source>
            <translation>Token-Quelle</translation>
        </message>
        <message>
            <source>The endpoint has no id.</source>
            <translation>Der Endpunkt hat keine ID.</translation>
        </message>
        <message>
            <source>Give the endpoint a name.</source>
            <translation>Geben Sie dem Endpunkt einen Namen.</translation>
        </message>
        <message>
            <source>“{token_env}” is not an environment variable name (use letters, digits and _, not starting with a digit).</source>
            <translation>„{token_env}“ ist kein Name für eine Umgebungsvariable (verwenden Sie Buchstaben, Ziffern und _, nicht mit einer Ziffer am Anfang).</translation>
        </message>
    </context>
    <context>
        <name>EndpointsDialog</name>
        <message>
            <source>Endpoints</source>
            <translation>Endpunkte</translation>
        </message>
        <message>
            <source>Your endpoints; select one to edit it</source>
            <translation>Ihre Endpunkte; wählen Sie einen aus, um ihn zu bearbeiten</translation>
        </message>
        <message>
            <source>Add &amp;Workers AI</source>
            <translation>&amp;Workers AI hinzufügen</translation>
        </message>
        <message>
            <source>Add a Cloudflare Workers AI endpoint</source>
            <translation>Einen Cloudflare-Workers-AI-Endpunkt hinzufügen</translation>
        </message>
        <message>
            <source>Add an endpoint for Cloudflare Workers AI</source>
            <translation>Einen Endpunkt für Cloudflare Workers AI hinzufügen</translation>
        </message>
        <message>
            <source>Add l&amp;ocal server</source>
            <translation>&amp;Lokalen Server hinzufügen</translation>
        </message>
        <message>
            <source>Add a local server endpoint</source>
            <translation>Einen Endpunkt für einen lokalen Server hinzufügen</translation>
        </message>
        <message>
            <source>Add an OpenAI-compatible server (vLLM, SGLang, llama.cpp, LM Studio, Ollama…)</source>
            <translation>Einen OpenAI-kompatiblen Server hinzufügen (vLLM, SGLang, llama.cpp, LM Studio, Ollama…)</translation>
        </message>
        <message>
            <source>Remo&amp;ve</source>
            <translation>&amp;Entfernen</translation>
        </message>
        <message>
            <source>Remove endpoint</source>
            <translation>Endpunkt entfernen</translation>
        </message>
        <message>
            <source>Remove the selected one</source>
            <translation>Den ausgewählten entfernen</translation>
        </message>
        <message>
            <source>T&amp;est connection</source>
            <translation>Verbindung &amp;testen</translation>
        </message>
        <message>
            <source>Test connection</source>
            <translation>Verbindung testen</translation>
        </message>
        <message>
            <source>Send a one-token request and say whether it worked</source>
            <translation>Eine Anfrage mit einem Token senden und sagen, ob es geklappt hat</translation>
        </message>
        <message>
            <source>Save status</source>
            <translation>Speicherstatus</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>Save all endpoints and use the selected one</source>
            <translation>Alle Endpunkte speichern und den ausgewählten verwenden</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Schließen</translation>
        </message>
        <message>
            <source>Close without saving further changes (Esc)</source>
            <translation>Schließen, ohne weitere Änderungen zu speichern (Esc)</translation>
        </message>
        <message>
            <source>Cloudflare Workers AI</source>
            <translation>Cloudflare Workers AI</translation>
        </message>
        <message>
            <source>Local server</source>
            <translation>Lokaler Server</translation>
        </message>
        <message>
            <source>“{name}” will be removed when you save.</source>
            <translation>„{name}“ wird beim Speichern entfernt.</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(ohne Namen)</translation>
        </message>
        <message>
            <source>Testing the connection…</source>
            <translation>Verbindung wird getestet…</translation>
        </message>
        <message>
            <source>Loading the model list…</source>
            <translation>Modellliste wird geladen…</translation>
        </message>
        <message numerus="yes">
            <source>%n model(s) to choose from.</source>
            <translation>
                <numerusform>%n Modell zur Auswahl.</numerusform>
                <numerusform>%n Modelle zur Auswahl.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not saved: fix the marked field.</source>
            <translation>Nicht gespeichert: Korrigieren Sie das markierte Feld.</translation>
        </message>
        <message>
            <source>Saved. Chatting with “{name}”.</source>
            <translation>Gespeichert. Sie chatten mit „{name}“.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>{exc} Choose another way to keep the token.</source>
            <translation>{exc} Wählen Sie eine andere Art, das Token aufzubewahren.</translation>
        </message>
        <message>
            <source>Not saved: the token could not be stored.</source>
            <translation>Nicht gespeichert: Das Token konnte nicht abgelegt werden.</translation>
        </message>
        <message>
            <source>Something went wrong inside LlamaDesk ({name__}).</source>
            <translation>In LlamaDesk ist etwas schiefgegangen ({name__}).</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source> The text so far is kept; try again.</source>
            <translation> Der bisherige Text bleibt erhalten; versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source> Try again.</source>
            <translation> Versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>this model</source>
            <translation>dieses Modell</translation>
        </message>
        <message>
            <source> The server said: {sentence}</source>
            <translation> Der Server sagte: {sentence}</translation>
        </message>
        <message>
            <source>Cloudflare did not accept the API token.</source>
            <translation>Cloudflare hat das API-Token nicht angenommen.</translation>
        </message>
        <message>
            <source> Create a token with the Workers AI Read and Edit permissions in the Cloudflare dashboard and enter it again.</source>
            <translation> Erstellen Sie im Cloudflare-Dashboard ein Token mit den Berechtigungen „Workers AI Read“ und „Edit“ und geben Sie es erneut ein.</translation>
        </message>
        <message>
            <source>The server did not accept the API key.</source>
            <translation>Der Server hat den API-Schlüssel nicht angenommen.</translation>
        </message>
        <message>
            <source> Enter the key the server was started with (its --api-key option).</source>
            <translation> Geben Sie den Schlüssel ein, mit dem der Server gestartet wurde (seine Option --api-key).</translation>
        </message>
        <message>
            <source>A required setting is missing.</source>
            <translation>Eine nötige Einstellung fehlt.</translation>
        </message>
        <message>
            <source>The server at {host} cannot do what this request needs.</source>
            <translation>Der Server unter {host} kann nicht, was diese Anfrage braucht.</translation>
        </message>
        <message>
            <source>Cloudflare found no account with this account ID.</source>
            <translation>Cloudflare hat kein Konto mit dieser Konto-ID gefunden.</translation>
        </message>
        <message>
            <source> Copy the account ID from the Cloudflare dashboard (Workers AI, “Use REST API”) and try again.</source>
            <translation> Kopieren Sie die Konto-ID aus dem Cloudflare-Dashboard (Workers AI, „Use REST API“) und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server at {host} does not know this address.</source>
            <translation>Der Server unter {host} kennt diese Adresse nicht.</translation>
        </message>
        <message>
            <source> Check the server address in the endpoint settings.</source>
            <translation> Prüfen Sie die Serveradresse in den Endpunkt-Einstellungen.</translation>
        </message>
        <message>
            <source>Workers AI has no model {model}.</source>
            <translation>Workers AI hat kein Modell {model}.</translation>
        </message>
        <message>
            <source> Choose a model from the Workers AI catalogue, such as @cf/meta/llama-3.1-8b-instruct-fp8.</source>
            <translation> Wählen Sie ein Modell aus dem Workers-AI-Katalog, etwa @cf/meta/llama-3.1-8b-instruct-fp8.</translation>
        </message>
        <message>
            <source>The server at {host} does not serve {model}.</source>
            <translation>Der Server unter {host} stellt {model} nicht bereit.</translation>
        </message>
        <message>
            <source> Choose one of the models it lists, or leave the model empty to use the one it serves.</source>
            <translation> Wählen Sie eines der Modelle, die er nennt, oder lassen Sie das Modell leer, um das bereitgestellte zu verwenden.</translation>
        </message>
        <message>
            <source>Cloudflare has retired {model}.</source>
            <translation>Cloudflare hat {model} eingestellt.</translation>
        </message>
        <message>
            <source> Choose a current model, such as @cf/meta/llama-3.1-8b-instruct-fp8.</source>
            <translation> Wählen Sie ein aktuelles Modell, etwa @cf/meta/llama-3.1-8b-instruct-fp8.</translation>
        </message>
        <message>
            <source>The server at {host} no longer serves {model}.</source>
            <translation>Der Server unter {host} stellt {model} nicht mehr bereit.</translation>
        </message>
        <message>
            <source>Today's free Workers AI allowance (10,000 neurons) is used up.</source>
            <translation>Das heutige kostenlose Kontingent von Workers AI (10.000 Neurons) ist aufgebraucht.</translation>
        </message>
        <message>
            <source> It resets at 00:00 UTC; to keep going now, enable paid usage in the Cloudflare dashboard.</source>
            <translation> Es wird um 00:00 UTC zurückgesetzt; um jetzt weiterzumachen, aktivieren Sie im Cloudflare-Dashboard die kostenpflichtige Nutzung.</translation>
        </message>
        <message>
            <source>The server at {host} says a usage quota is used up.</source>
            <translation>Der Server unter {host} meldet, dass ein Nutzungskontingent aufgebraucht ist.</translation>
        </message>
        <message>
            <source> Wait until it resets, or ask whoever runs the server to raise it.</source>
            <translation> Warten Sie, bis es zurückgesetzt wird, oder bitten Sie die Betreiber des Servers, es zu erhöhen.</translation>
        </message>
        <message>
            <source>Workers AI is busy or received too many requests (the limit is 300 a minute). Wait a moment and try again.</source>
            <translation>Workers AI ist ausgelastet oder hat zu viele Anfragen erhalten (die Grenze liegt bei 300 pro Minute). Warten Sie einen Moment und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server at {host} is busy. Wait a moment and try again.</source>
            <translation>Der Server unter {host} ist ausgelastet. Warten Sie einen Moment und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server refused the request.</source>
            <translation>Der Server hat die Anfrage abgelehnt.</translation>
        </message>
        <message>
            <source> Change the message or the parameters and try again.</source>
            <translation> Ändern Sie die Nachricht oder die Parameter und versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The request is too large for the server. Shorten the message or start a new chat.</source>
            <translation>Die Anfrage ist zu groß für den Server. Kürzen Sie die Nachricht oder beginnen Sie einen neuen Chat.</translation>
        </message>
        <message>
            <source>The conversation no longer fits in the model's context window.</source>
            <translation>Die Unterhaltung passt nicht mehr in das Kontextfenster des Modells.</translation>
        </message>
        <message>
            <source> Start a new chat, remove earlier messages, or lower max_tokens.</source>
            <translation> Beginnen Sie einen neuen Chat, entfernen Sie frühere Nachrichten oder senken Sie max_tokens.</translation>
        </message>
        <message>
            <source> (HTTP {status})</source>
            <translation> (HTTP {status})</translation>
        </message>
        <message>
            <source>Workers AI had a problem on its side{code}.{reason} Try again in a minute.</source>
            <translation>Workers AI hatte ein Problem auf seiner Seite{code}.{reason} Versuchen Sie es in einer Minute erneut.</translation>
        </message>
        <message>
            <source>The server at {host} reported an internal error{code}.{reason} Check the server's log, then try again.</source>
            <translation>Der Server unter {host} meldete einen internen Fehler{code}.{reason} Prüfen Sie das Protokoll des Servers, dann versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>Cannot reach Cloudflare. Check your internet connection, or your proxy settings (HTTPS_PROXY).</source>
            <translation>Cloudflare ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung oder Ihre Proxy-Einstellungen (HTTPS_PROXY).</translation>
        </message>
        <message>
            <source>No server answers at {host}. Start your local server (for example vLLM on port 8000), or check the address.</source>
            <translation>Unter {host} antwortet kein Server. Starten Sie Ihren lokalen Server (zum Beispiel vLLM auf Port 8000) oder prüfen Sie die Adresse.</translation>
        </message>
        <message>
            <source>The secure connection to {host} could not be verified. If your company network inspects traffic, add its CA certificate as the endpoint's CA bundle.</source>
            <translation>Die sichere Verbindung zu {host} konnte nicht überprüft werden. Wenn Ihr Firmennetz den Datenverkehr prüft, fügen Sie dessen CA-Zertifikat als CA-Zertifikatsdatei des Endpunkts hinzu.</translation>
        </message>
        <message>
            <source>{host} did not answer in time. Check the address and your connection, then try again.</source>
            <translation>{host} hat nicht rechtzeitig geantwortet. Prüfen Sie die Adresse und Ihre Verbindung, dann versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server gave up on the request because it took too long on its side.</source>
            <translation>Der Server hat die Anfrage aufgegeben, weil sie auf seiner Seite zu lange gedauert hat.</translation>
        </message>
        <message>
            <source> Try again in a moment.</source>
            <translation> Versuchen Sie es gleich noch einmal.</translation>
        </message>
        <message>
            <source> for {stall_timeout_s:g} seconds</source>
            <translation> seit {stall_timeout_s:g} Sekunden</translation>
        </message>
        <message>
            <source>The server started its answer but sent no text{secs}. Try again.</source>
            <translation>Der Server hat seine Antwort begonnen, aber keinen Text gesendet{secs}. Versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The server stopped sending{secs}.{kept}</source>
            <translation>Der Server hat aufgehört zu senden{secs}.{kept}</translation>
        </message>
        <message>
            <source>The connection ended before the reply was complete.</source>
            <translation>Die Verbindung endete, bevor die Antwort vollständig war.</translation>
        </message>
        <message>
            <source>Check the account ID and the API root.</source>
            <translation>Prüfen Sie die Konto-ID und die API-Adresse.</translation>
        </message>
        <message>
            <source>Check that the address is an OpenAI-compatible /v1 endpoint.</source>
            <translation>Prüfen Sie, ob die Adresse ein OpenAI-kompatibler /v1-Endpunkt ist.</translation>
        </message>
        <message>
            <source>The server's answer was not in a format LlamaDesk understands{found}. {check}</source>
            <translation>Die Antwort des Servers lag nicht in einem Format vor, das LlamaDesk versteht{found}. {check}</translation>
        </message>
    </context>
    <context>
        <name>EvalRules</name>
        <message>
            <source>your organization sets the prompts, and {names} is not one of them. {note}</source>
            <translation>Ihre Organisation legt die Prompts fest, und {names} gehört nicht dazu. {note}</translation>
        </message>
        <message>
            <source>it was asked with values your organization now sets otherwise; start a new run instead. {note}</source>
            <translation>Er wurde mit Werten gefragt, die Ihre Organisation inzwischen anders festlegt; starten Sie stattdessen einen neuen Lauf. {note}</translation>
        </message>
    </context>
    <context>
        <name>EvalsWindow</name>
        <message>
            <source>this set</source>
            <translation>dieses Testset</translation>
        </message>
        <message>
            <source>A run of “{running}” is going: cancel it (Esc) or wait for it to end, then open another set.</source>
            <translation>Ein Lauf von „{running}“ ist im Gang: Brechen Sie ihn ab (Esc) oder warten Sie sein Ende ab, dann öffnen Sie ein anderes Testset.</translation>
        </message>
        <message>
            <source>A run is going: cancel it (Esc) or wait for it to end</source>
            <translation>Ein Lauf ist im Gang: Brechen Sie ihn ab (Esc) oder warten Sie, bis er endet</translation>
        </message>
        <message>
            <source>Ask every case with every prompt (Ctrl+R)</source>
            <translation>Jeden Fall mit jedem Prompt fragen (Strg+R)</translation>
        </message>
        <message>
            <source>A run is going</source>
            <translation>Ein Lauf ist im Gang</translation>
        </message>
        <message>
            <source>A run is going: stop it and close the window, or keep it running here?</source>
            <translation>Ein Lauf ist im Gang: Soll er angehalten und das Fenster geschlossen werden, oder soll er hier weiterlaufen?</translation>
        </message>
        <message>
            <source>&amp;Stop it</source>
            <translation>&amp;Anhalten</translation>
        </message>
        <message>
            <source>&amp;Keep running</source>
            <translation>&amp;Weiterlaufen lassen</translation>
        </message>
        <message>
            <source>Finished cells are kept either way; Resume asks the rest.</source>
            <translation>Fertige Zellen bleiben in jedem Fall erhalten; „Fortsetzen“ fragt den Rest.</translation>
        </message>
        <message>
            <source>Run {run_id} finished.</source>
            <translation>Lauf {run_id} ist fertig.</translation>
        </message>
        <message>
            <source>New test set</source>
            <translation>Neues Testset</translation>
        </message>
        <message>
            <source>Name of the new test set:</source>
            <translation>Name des neuen Testsets:</translation>
        </message>
        <message>
            <source>Rename test set</source>
            <translation>Testset umbenennen</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Neuer Name:</translation>
        </message>
    </context>
    <context>
        <name>FileActions</name>
        <message>
            <source>Restore all chats</source>
            <translation>Alle Chats wiederherstellen</translation>
        </message>
        <message>
            <source>Replace all your chats with the ones in {name}?</source>
            <translation>Alle Ihre Chats durch die in {name} ersetzen?</translation>
        </message>
        <message>
            <source>Your {chats} will be replaced by the {chats2} in this backup. A safety copy of your current chats is kept first, in {parent} (named {name}.bak-v…-&lt;time&gt;.db); restore it the same way to go back.</source>
            <translation>Ihre {chats} werden durch die {chats2} dieser Sicherung ersetzt. Vorher wird eine Sicherheitskopie Ihrer jetzigen Chats in {parent} angelegt (Name {name}.bak-v…-&lt;Zeit&gt;.db); stellen Sie sie auf demselben Weg wieder her, um zurückzukehren.</translation>
        </message>
        <message>
            <source>Replace all chats</source>
            <translation>Alle Chats ersetzen</translation>
        </message>
        <message numerus="yes">
            <source>%n chat(s)</source>
            <translation>
                <numerusform>%n Chat</numerusform>
                <numerusform>%n Chats</numerusform>
            </translation>
        </message>
        <message>
            <source>the file does not exist</source>
            <translation>die Datei existiert nicht</translation>
        </message>
        <message>
            <source>permission denied</source>
            <translation>Zugriff verweigert</translation>
        </message>
        <message>
            <source>it {reason}</source>
            <translation>sie {reason}</translation>
        </message>
        <message>
            <source>the disk is full</source>
            <translation>der Datenträger ist voll</translation>
        </message>
        <message>
            <source>the file or its folder is read-only</source>
            <translation>die Datei oder ihr Ordner ist schreibgeschützt</translation>
        </message>
        <message>
            <source>its folder is a file, not a folder</source>
            <translation>ihr Ordner ist eine Datei, kein Ordner</translation>
        </message>
    </context>
    <context>
        <name>Files</name>
        <message>
            <source>could not be read ({value})</source>
            <extracomment>Up to this size `PRAGMA quick_check` runs before opening (about 60 ms); above it, it runs in the background unless the last session crashed or a migration is due (see HistoryStore.open).</extracomment>
            <translation>konnte nicht gelesen werden ({value})</translation>
        </message>
        <message>
            <source>is not a LlamaDesk history database (it may be damaged)</source>
            <translation>ist keine Verlaufsdatenbank von LlamaDesk (sie ist vielleicht beschädigt)</translation>
        </message>
        <message>
            <source>is damaged ({rows})</source>
            <translation>ist beschädigt ({rows})</translation>
        </message>
        <message>
            <source>was written by a newer LlamaDesk (history version {version}; this one knows {SCHEMA_VERSION}) and is left untouched. Update LlamaDesk to see it</source>
            <translation>wurde von einer neueren LlamaDesk-Version geschrieben (Verlaufsversion {version}; diese kennt {SCHEMA_VERSION}) und bleibt unangetastet. Aktualisieren Sie LlamaDesk, um ihn zu sehen</translation>
        </message>
        <message>
            <source> The newest backup is {name}; it can be restored (the damaged file is kept).</source>
            <translation> Die neueste Sicherung ist {name}; sie kann wiederhergestellt werden (die beschädigte Datei bleibt erhalten).</translation>
        </message>
        <message>
            <source> No backup copy exists; LlamaDesk can start a new history and keep this file aside.</source>
            <translation> Es gibt keine Sicherungskopie; LlamaDesk kann einen neuen Verlauf beginnen und diese Datei beiseitelegen.</translation>
        </message>
        <message>
            <source>Your conversation history {path} {reason}. Nothing was changed.{offer}</source>
            <translation>Ihr Unterhaltungsverlauf {path} {reason}. Es wurde nichts geändert.{offer}</translation>
        </message>
        <message>
            <source>Your conversation history {path} {reason}. Nothing was changed.</source>
            <translation>Ihr Unterhaltungsverlauf {path} {reason}. Es wurde nichts geändert.</translation>
        </message>
        <message>
            <source>it is not a regular file</source>
            <translation>es ist keine normale Datei</translation>
        </message>
    </context>
    <context>
        <name>FillInForm</name>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>Fill in the variables</source>
            <translation>Variablen ausfüllen</translation>
        </message>
        <message>
            <source>This chat's system prompt uses these variables. The values are kept with the chat; Chat ▸ Edit variable values… changes them later.</source>
            <translation>Der Systemprompt dieses Chats verwendet diese Variablen. Die Werte werden mit dem Chat aufbewahrt; Chat ▸ Variablenwerte bearbeiten… ändert sie später.</translation>
        </message>
        <message>
            <source>Choose one</source>
            <translation>Bitte wählen</translation>
        </message>
        <message>
            <source>A number, e.g. 3 or 2.5</source>
            <translation>Eine Zahl, z. B. 3 oder 2,5</translation>
        </message>
        <message>
            <source>Goes into the prompt where it asks for {label}</source>
            <translation>Wird in den Prompt eingesetzt, wo er nach {label} fragt</translation>
        </message>
    </context>
    <context>
        <name>HistoryController</name>
        <message>
            <source>The last backup is kept at {backups}</source>
            <extracomment>Settings typed into a stored chat are written after this pause (and whenever the chat is left).</extracomment>
            <translation>Die letzte Sicherung liegt unter {backups}</translation>
        </message>
        <message>
            <source>The file is kept as it is at {path}</source>
            <translation>Die Datei bleibt unverändert unter {path}</translation>
        </message>
        <message>
            <source>History is off: {what}. Chats in this window are kept in memory only and will not be saved. {kept} and will not be overwritten.</source>
            <translation>Der Verlauf ist ausgeschaltet: {what}. Chats in diesem Fenster werden nur im Arbeitsspeicher gehalten und nicht gespeichert. {kept} und wird nicht überschrieben.</translation>
        </message>
        <message>
            <source>Your saved conversations, pinned first, then newest. Click one to open it.</source>
            <extracomment>HistoryStore: a store was attached, or its contents replaced (the prompt library with it) Compare mode's hooks: open a stored compare (False: it could not), and the compare on screen (None: the chat is), which the list highlights instead of the chat. A compare pane's reply is still being written (the store must not close under it).</extracomment>
            <translation>Ihre gespeicherten Unterhaltungen, angeheftete zuerst, dann die neuesten. Klicken Sie eine an, um sie zu öffnen.</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it before opening another conversation.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie an, bevor Sie eine andere Unterhaltung öffnen.</translation>
        </message>
    </context>
    <context>
        <name>HistoryFileActions</name>
        <message>
            <source>LlamaDesk backup (*.db)</source>
            <extracomment>(title, suggested file name, file filter, for saving?) -&gt; chosen path or None (cancelled) Backups made here end in .db; the safety copies kept before a restore or an upgrade are named history.db.bak-v&lt;N&gt;-&lt;time&gt;.db (older ones have no .db): the filter shows both.</extracomment>
            <translation>LlamaDesk-Sicherung (*.db)</translation>
        </message>
        <message>
            <source>LlamaDesk backups (*.db *.db.bak-*);;All files (*)</source>
            <translation>LlamaDesk-Sicherungen (*.db *.db.bak-*);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Markdown</source>
            <extracomment>What a failed file action can raise: the OS, SQLite, a refused file, the store's checks.</extracomment>
            <translation>Markdown</translation>
        </message>
        <message>
            <source>Markdown (*.md)</source>
            <translation>Markdown (*.md)</translation>
        </message>
        <message>
            <source>JSON (*.json)</source>
            <translation>JSON (*.json)</translation>
        </message>
        <message>
            <source>The chat history is not available, so nothing can be imported.</source>
            <translation>Der Chatverlauf ist nicht verfügbar, daher kann nichts importiert werden.</translation>
        </message>
        <message>
            <source>Import a chat</source>
            <translation>Einen Chat importieren</translation>
        </message>
        <message>
            <source>{name} could not be imported: {reason}. Choose a chat exported by LlamaDesk as JSON.</source>
            <translation>{name} konnte nicht importiert werden: {reason}. Wählen Sie einen Chat, den LlamaDesk als JSON exportiert hat.</translation>
        </message>
        <message>
            <source>Imported “{title}”.</source>
            <translation>„{title}“ importiert.</translation>
        </message>
        <message>
            <source>Imported “{title}”: it is in the list; open it once the reply has ended.</source>
            <translation>„{title}“ importiert: Er steht in der Liste; öffnen Sie ihn, wenn die Antwort fertig ist.</translation>
        </message>
        <message>
            <source>The chat history is not available, so there is nothing to back up.</source>
            <translation>Der Chatverlauf ist nicht verfügbar, daher gibt es nichts zu sichern.</translation>
        </message>
        <message>
            <source>Back up all chats</source>
            <translation>Alle Chats sichern</translation>
        </message>
        <message>
            <source>{path} already exists: back up again and choose another name.</source>
            <translation>{path} existiert bereits: Sichern Sie erneut und wählen Sie einen anderen Namen.</translation>
        </message>
        <message>
            <source>The backup could not be written: {reason}.</source>
            <translation>Die Sicherung konnte nicht geschrieben werden: {reason}.</translation>
        </message>
        <message>
            <source>All chats were backed up to {path}.</source>
            <translation>Alle Chats wurden nach {path} gesichert.</translation>
        </message>
        <message>
            <source>The chat history is not available, so nothing can be restored into it.</source>
            <translation>Der Chatverlauf ist nicht verfügbar, daher kann nichts in ihn wiederhergestellt werden.</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it before restoring all chats.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie an, bevor Sie alle Chats wiederherstellen.</translation>
        </message>
        <message>
            <source>Restore all chats from a backup</source>
            <translation>Alle Chats aus einer Sicherung wiederherstellen</translation>
        </message>
        <message>
            <source>{name} could not be restored: {reason}. Nothing was changed.</source>
            <translation>{name} konnte nicht wiederhergestellt werden: {reason}. Es wurde nichts geändert.</translation>
        </message>
        <message>
            <source>Chats restored from {name}. The chats you had are kept in {kept}.</source>
            <translation>Chats aus {name} wiederhergestellt. Ihre bisherigen Chats sind in {kept} aufbewahrt.</translation>
        </message>
        <message>
            <source>Open or start a chat first: there is nothing to export yet.</source>
            <translation>Öffnen oder beginnen Sie zuerst einen Chat: Noch gibt es nichts zu exportieren.</translation>
        </message>
        <message>
            <source>Export this chat as {kind}</source>
            <translation>Diesen Chat als {kind} exportieren</translation>
        </message>
        <message>
            <source>The chat could not be exported: {reason}.</source>
            <translation>Der Chat konnte nicht exportiert werden: {reason}.</translation>
        </message>
        <message>
            <source>Exported “{title}” to {path}.</source>
            <translation>„{title}“ wurde nach {path} exportiert.</translation>
        </message>
    </context>
    <context>
        <name>HistoryPane</name>
        <message>
            <source>Search all chats… (Ctrl+F)</source>
            <translation>Suchen… (Strg+F)</translation>
        </message>
        <message>
            <source>Search all chats</source>
            <translation>Alle Chats durchsuchen</translation>
        </message>
        <message>
            <source>Find words in every saved chat. Enter opens the selected match; Esc clears.</source>
            <translation>Wörter in allen gespeicherten Chats finden. Die Eingabetaste öffnet den gewählten Treffer; Esc leert die Suche.</translation>
        </message>
        <message>
            <source>Clear search</source>
            <translation>Suche leeren</translation>
        </message>
        <message>
            <source>Clear the search and show the conversations (Esc)</source>
            <translation>Die Suche leeren und die Unterhaltungen zeigen (Esc)</translation>
        </message>
        <message>
            <source>Conversations</source>
            <translation>Unterhaltungen</translation>
        </message>
        <message>
            <source>Your saved conversations, pinned first, then newest. Click one to open it; F2 renames, Ctrl+P pins, Del deletes (right-click for the menu).</source>
            <translation>Ihre gespeicherten Unterhaltungen, angeheftete zuerst, dann die neuesten. Klicken Sie eine an, um sie zu öffnen; F2 benennt um, Strg+P heftet an, Entf löscht (Rechtsklick für das Menü).</translation>
        </message>
        <message>
            <source>Search results</source>
            <translation>Suchergebnisse</translation>
        </message>
        <message>
            <source>Matches, newest first. Enter or a click opens one.</source>
            <translation>Treffer, neueste zuerst. Eingabetaste oder Klick öffnet einen.</translation>
        </message>
        <message>
            <source>Undo delete</source>
            <translation>Löschen rückgängig machen</translation>
        </message>
        <message>
            <source>Bring back the conversation deleted last (Ctrl+Z)</source>
            <translation>Die zuletzt gelöschte Unterhaltung zurückholen (Strg+Z)</translation>
        </message>
        <message>
            <source>&lt;b&gt;Conversations&lt;/b&gt;</source>
            <translation>&lt;b&gt;Unterhaltungen&lt;/b&gt;</translation>
        </message>
    </context>
    <context>
        <name>HistorySearchController</name>
        <message>
            <source>{count} matches for “{strip}”</source>
            <translation>{count} Treffer für „{strip}“</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it before opening another conversation.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie an, bevor Sie eine andere Unterhaltung öffnen.</translation>
        </message>
        <message>
            <source>The chat could not be opened there: {exc}</source>
            <translation>Der Chat konnte dort nicht geöffnet werden: {exc}</translation>
        </message>
    </context>
    <context>
        <name>KeyringSecretStore</name>
        <message>
            <source>the Secret Service (GNOME Keyring, KWallet or KeePassXC)</source>
            <translation>Secret Service (GNOME Keyring, KWallet oder KeePassXC)</translation>
        </message>
        <message>
            <source>the system keyring</source>
            <translation>Schlüsselbund des Systems</translation>
        </message>
        <message>
            <source>Windows Credential Manager</source>
            <translation>Windows-Anmeldeinformationsverwaltung</translation>
        </message>
        <message>
            <source>the macOS Keychain</source>
            <translation>macOS-Schlüsselbund</translation>
        </message>
        <message>
            <source>the Secret Service (libsecret)</source>
            <translation>Secret Service (libsecret)</translation>
        </message>
        <message>
            <source>No OS keyring is available on this system (no Secret Service, Keychain or Credential Manager was found), so LlamaDesk cannot store tokens safely.</source>
            <translation>Auf diesem System ist kein Schlüsselbund verfügbar (weder Secret Service noch Schlüsselbund oder Anmeldeinformationsverwaltung wurden gefunden); LlamaDesk kann Tokens daher nicht sicher speichern.</translation>
        </message>
        <message>
            <source>no OS keyring available</source>
            <translation>kein Schlüsselbund des Systems verfügbar</translation>
        </message>
        <message>
            <source>The keyring refused the request: {name__}</source>
            <translation>Der Schlüsselbund hat die Anfrage abgelehnt: {name__}</translation>
        </message>
    </context>
    <context>
        <name>LanguageMenu</name>
        <message>
            <source>Lan&amp;guage</source>
            <extracomment>Each language is named in itself, so someone who cannot read the current one finds theirs.</extracomment>
            <translation>&amp;Sprache</translation>
        </message>
        <message>
            <source>&amp;System language</source>
            <translation>&amp;Systemsprache</translation>
        </message>
        <message>
            <source>The window shows this language from the next start.</source>
            <translation>Das Fenster zeigt diese Sprache ab dem nächsten Start.</translation>
        </message>
        <message>
            <source>The window is in this language already.</source>
            <translation>Das Fenster ist bereits in dieser Sprache.</translation>
        </message>
        <message>
            <source>The language changes when LlamaDesk starts again: quit (Ctrl+Q) and start it again.</source>
            <translation>Die Sprache wechselt beim nächsten Start von LlamaDesk: Beenden Sie LlamaDesk (Strg+Q) und starten Sie es neu.</translation>
        </message>
    </context>
    <context>
        <name>LibraryAccess</name>
        <message>
            <source>The prompt library is kept with the chat history, which is not available now, so prompts cannot be picked or saved. This chat's own prompt still works.</source>
            <extracomment>What a library call can raise: a refused operation (a sentence), a missing prompt or version, SQLite, the disk, or a store that turned read-only.</extracomment>
            <translation>Die Prompt-Bibliothek liegt beim Chatverlauf, der gerade nicht verfügbar ist; Prompts können daher weder gewählt noch gespeichert werden. Der eigene Prompt dieses Chats funktioniert weiterhin.</translation>
        </message>
        <message>
            <source>That prompt or version is no longer in the library (deleted meanwhile?).</source>
            <translation>Dieser Prompt oder diese Version ist nicht mehr in der Bibliothek (inzwischen gelöscht?).</translation>
        </message>
        <message>
            <source>The library could not be read or written ({rstrip}).</source>
            <translation>Die Bibliothek konnte nicht gelesen oder geschrieben werden ({rstrip}).</translation>
        </message>
    </context>
    <context>
        <name>LibraryActions</name>
        <message>
            <source>Select one version first.</source>
            <translation>Wählen Sie zuerst eine Version aus.</translation>
        </message>
        <message>
            <source>This chat now uses “{name}”, version {number}.</source>
            <translation>Dieser Chat verwendet jetzt „{name}“, Version {number}.</translation>
        </message>
        <message>
            <source>Version {number} is a copy of version {number2}; nothing was deleted.</source>
            <translation>Version {number} ist eine Kopie von Version {number2}; es wurde nichts gelöscht.</translation>
        </message>
        <message>
            <source>“{strip}” starts from version {number} of “{name}”.</source>
            <translation>„{strip}“ beginnt mit Version {number} von „{name}“.</translation>
        </message>
        <message>
            <source>Fork prompt</source>
            <translation>Prompt ableiten</translation>
        </message>
        <message>
            <source>Name of the new prompt:</source>
            <translation>Name des neuen Prompts:</translation>
        </message>
        <message>
            <source>{name} (fork of v{number})</source>
            <translation>{name} (abgeleitet von v{number})</translation>
        </message>
        <message>
            <source>with this chat's own prompt as version 1</source>
            <translation>mit dem eigenen Prompt dieses Chats als Version 1</translation>
        </message>
        <message>
            <source>Created “{strip}”, {start}. “Use in this chat” makes this chat use it; the chat is unchanged until then.</source>
            <translation>„{strip}“ angelegt, {start}. „In diesem Chat verwenden“ lässt diesen Chat ihn verwenden; bis dahin bleibt der Chat unverändert.</translation>
        </message>
        <message>
            <source>New prompt</source>
            <translation>Neuer Prompt</translation>
        </message>
        <message>
            <source>Renamed to “{name}”.</source>
            <translation>Umbenannt in „{name}“.</translation>
        </message>
        <message>
            <source>Deleted “{name}”. Undo (Ctrl+Z); later, Trash can restore it.</source>
            <translation>„{name}“ gelöscht. Rückgängig mit Strg+Z; später kann der Papierkorb ihn wiederherstellen.</translation>
        </message>
        <message>
            <source>Restored “{name}”.</source>
            <translation>„{name}“ wiederhergestellt.</translation>
        </message>
        <message>
            <source>Restored “{name}”: it is back in the library (Trash off shows it).</source>
            <translation>„{name}“ wiederhergestellt: Er ist wieder in der Bibliothek (ohne Papierkorb-Ansicht sichtbar).</translation>
        </message>
        <message>
            <source>“{label}” cannot be a label: use letters, digits, . _ or - (at most 40, starting with a letter or digit).</source>
            <translation>„{label}“ kann kein Label sein: Verwenden Sie Buchstaben, Ziffern, . _ oder - (höchstens 40, beginnend mit einem Buchstaben oder einer Ziffer).</translation>
        </message>
        <message>
            <source>Type a label first, e.g. production.</source>
            <translation>Geben Sie zuerst ein Label ein, z. B. production.</translation>
        </message>
        <message>
            <source> (it was on version {before})</source>
            <translation> (es lag auf Version {before})</translation>
        </message>
        <message>
            <source>Label “{label}” now points at version {number}{moved}.</source>
            <translation>Das Label „{label}“ zeigt jetzt auf Version {number}{moved}.</translation>
        </message>
        <message>
            <source>“{name}” has no label “{label}”.</source>
            <translation>„{name}“ hat kein Label „{label}“.</translation>
        </message>
        <message>
            <source>Choose a label to remove.</source>
            <translation>Wählen Sie ein Label zum Entfernen.</translation>
        </message>
        <message>
            <source>Removed the label “{label}”.</source>
            <translation>Das Label „{label}“ wurde entfernt.</translation>
        </message>
    </context>
    <context>
        <name>LibraryController</name>
        <message>
            <source>The trash is empty</source>
            <translation>Der Papierkorb ist leer</translation>
        </message>
        <message>
            <source>No prompts yet</source>
            <translation>Noch keine Prompts</translation>
        </message>
        <message>
            <source>No prompt selected</source>
            <translation>Kein Prompt ausgewählt</translation>
        </message>
        <message>
            <source>Deleted prompts wait here until restored.</source>
            <translation>Gelöschte Prompts warten hier, bis sie wiederhergestellt werden.</translation>
        </message>
        <message>
            <source>“New prompt…” starts one; “Save as new prompt…” in a chat keeps its text.</source>
            <translation>„Neuer Prompt…“ legt einen an; „Als neuen Prompt speichern…“ in einem Chat bewahrt dessen Text auf.</translation>
        </message>
        <message>
            <source>Changed {when}.</source>
            <translation>Geändert {when}.</translation>
        </message>
        <message>
            <source>a prompt no longer in the library</source>
            <translation>ein Prompt, der nicht mehr in der Bibliothek ist</translation>
        </message>
        <message>
            <source>Forked from {name}, version {version}.</source>
            <translation>Abgeleitet von {name}, Version {version}.</translation>
        </message>
        <message>
            <source>Select a version to read it, or two (Ctrl+click) to compare them.</source>
            <translation>Wählen Sie eine Version, um sie zu lesen, oder zwei (Strg+Klick), um sie zu vergleichen.</translation>
        </message>
        <message>
            <source>version {number}</source>
            <translation>Version {number}</translation>
        </message>
        <message>
            <source>Select exactly two versions to compare them.</source>
            <translation>Wählen Sie genau zwei Versionen aus, um sie zu vergleichen.</translation>
        </message>
        <message>
            <source>Version {number} is the first: select two versions to compare them.</source>
            <translation>Version {number} ist die erste: Wählen Sie zwei Versionen aus, um sie zu vergleichen.</translation>
        </message>
    </context>
    <context>
        <name>LibraryDialog</name>
        <message>
            <source>Prompt library</source>
            <translation>Prompt-Bibliothek</translation>
        </message>
        <message>
            <source>Search prompts… (Ctrl+F)</source>
            <translation>Prompts durchsuchen… (Strg+F)</translation>
        </message>
        <message>
            <source>Search prompts</source>
            <translation>Prompts durchsuchen</translation>
        </message>
        <message>
            <source>Prompts whose name or newest text contains these words</source>
            <translation>Prompts, deren Name oder neuester Text diese Wörter enthält</translation>
        </message>
        <message>
            <source>&amp;New prompt…</source>
            <translation>&amp;Neuer Prompt…</translation>
        </message>
        <message>
            <source>A new prompt: this chat's own text if it has one, else empty (the chat stays as it is)</source>
            <translation>Ein neuer Prompt: der eigene Text dieses Chats, falls vorhanden, sonst leer (der Chat bleibt, wie er ist)</translation>
        </message>
        <message>
            <source>&amp;Import…</source>
            <translation>&amp;Importieren…</translation>
        </message>
        <message>
            <source>Add prompts from a LlamaDesk prompt file (JSON)</source>
            <translation>Prompts aus einer LlamaDesk-Promptdatei (JSON) hinzufügen</translation>
        </message>
        <message>
            <source>Export &amp;library…</source>
            <translation>&amp;Bibliothek exportieren…</translation>
        </message>
        <message>
            <source>Every prompt with all its versions, as JSON</source>
            <translation>Alle Prompts mit allen Versionen, als JSON</translation>
        </message>
        <message>
            <source>Tras&amp;h</source>
            <translation>&amp;Papierkorb</translation>
        </message>
        <message>
            <source>Show the deleted prompts, to read or restore them</source>
            <translation>Die gelöschten Prompts zeigen, um sie zu lesen oder wiederherzustellen</translation>
        </message>
        <message>
            <source>The trash: deleted prompts. Chats and replies that used them keep their text; Restore puts a prompt back in the library.</source>
            <translation>Der Papierkorb: gelöschte Prompts. Chats und Antworten, die sie verwendet haben, behalten ihren Text; „Wiederherstellen“ holt einen Prompt in die Bibliothek zurück.</translation>
        </message>
        <message>
            <source>Prompts</source>
            <translation>Prompts</translation>
        </message>
        <message>
            <source>F2 renames, Del deletes (Ctrl+Z brings it back)</source>
            <translation>F2 benennt um, Entf löscht (Strg+Z holt ihn zurück)</translation>
        </message>
        <message>
            <source>&amp;Use in this chat</source>
            <translation>In diesem Chat &amp;verwenden</translation>
        </message>
        <message>
            <source>The chat's system prompt becomes this version</source>
            <translation>Der Systemprompt des Chats wird zu dieser Version</translation>
        </message>
        <message>
            <source>Rena&amp;me</source>
            <translation>&amp;Umbenennen</translation>
        </message>
        <message>
            <source>Rename the prompt (F2)</source>
            <translation>Den Prompt umbenennen (F2)</translation>
        </message>
        <message>
            <source>F&amp;ork…</source>
            <translation>&amp;Kopie ableiten…</translation>
        </message>
        <message>
            <source>A new prompt starting from the selected version</source>
            <translation>Ein neuer Prompt, ausgehend von der gewählten Version</translation>
        </message>
        <message>
            <source>E&amp;xport this prompt…</source>
            <translation>Diesen Prompt e&amp;xportieren…</translation>
        </message>
        <message>
            <source>This prompt with all its versions, as JSON</source>
            <translation>Dieser Prompt mit allen Versionen, als JSON</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>Move the prompt to the trash (Ctrl+Z undoes)</source>
            <translation>Den Prompt in den Papierkorb verschieben (Strg+Z macht es rückgängig)</translation>
        </message>
        <message>
            <source>Re&amp;store</source>
            <translation>&amp;Wiederherstellen</translation>
        </message>
        <message>
            <source>Put the prompt back in the library</source>
            <translation>Den Prompt in die Bibliothek zurücklegen</translation>
        </message>
        <message>
            <source>Versions</source>
            <translation>Versionen</translation>
        </message>
        <message>
            <source>Newest first. Select one to read it, or two (Ctrl+click) to compare them.</source>
            <translation>Neueste zuerst. Wählen Sie eine aus, um sie zu lesen, oder zwei (Strg+Klick), um sie zu vergleichen.</translation>
        </message>
        <message>
            <source>&amp;Revert to this version</source>
            <translation>Auf diese Version &amp;zurücksetzen</translation>
        </message>
        <message>
            <source>Save a new version equal to the selected one (nothing is deleted)</source>
            <translation>Eine neue Version speichern, die der gewählten gleicht (es wird nichts gelöscht)</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Label</translation>
        </message>
        <message>
            <source>A label such as production or staff: letters, digits, . _ - (at most 40)</source>
            <translation>Ein Label wie production oder staff: Buchstaben, Ziffern, . _ - (höchstens 40)</translation>
        </message>
        <message>
            <source>label, e.g. production</source>
            <translation>Label, z. B. production</translation>
        </message>
        <message>
            <source>&amp;Put label here</source>
            <translation>Label &amp;hierhin setzen</translation>
        </message>
        <message>
            <source>Point the label at the selected version (moves it)</source>
            <translation>Das Label auf die gewählte Version setzen (verschiebt es)</translation>
        </message>
        <message>
            <source>Remove lab&amp;el</source>
            <translation>Label ent&amp;fernen</translation>
        </message>
        <message>
            <source>Take the label off this prompt</source>
            <translation>Das Label von diesem Prompt nehmen</translation>
        </message>
        <message>
            <source>Version text</source>
            <translation>Text der Version</translation>
        </message>
        <message>
            <source>The selected version's text, as it is sent (read only)</source>
            <translation>Der Text der gewählten Version, so wie er gesendet wird (nur lesbar)</translation>
        </message>
        <message>
            <source>&amp;Text</source>
            <translation>&amp;Text</translation>
        </message>
        <message>
            <source>Di&amp;fferences</source>
            <translation>Unter&amp;schiede</translation>
        </message>
        <message>
            <source>Library status</source>
            <translation>Status der Bibliothek</translation>
        </message>
        <message>
            <source>Undo delete</source>
            <translation>Löschen rückgängig machen</translation>
        </message>
        <message>
            <source>Bring back the prompt deleted last (Ctrl+Z)</source>
            <translation>Den zuletzt gelöschten Prompt zurückholen (Strg+Z)</translation>
        </message>
        <message>
            <source>Import or export progress</source>
            <translation>Fortschritt von Import oder Export</translation>
        </message>
        <message>
            <source>Delete prompt</source>
            <translation>Prompt löschen</translation>
        </message>
        <message>
            <source>Rename prompt</source>
            <translation>Prompt umbenennen</translation>
        </message>
        <message>
            <source>&lt;b&gt;Prompts&lt;/b&gt;</source>
            <translation>&lt;b&gt;Prompts&lt;/b&gt;</translation>
        </message>
        <message>
            <source>L&amp;abel:</source>
            <translation>L&amp;abel:</translation>
        </message>
    </context>
    <context>
        <name>LibraryFiles</name>
        <message>
            <source>LlamaDesk prompts (*.json);;All files (*)</source>
            <translation>LlamaDesk-Prompts (*.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>the file or its folder does not exist.</source>
            <translation>die Datei oder ihr Ordner existiert nicht.</translation>
        </message>
        <message>
            <source>permission denied.</source>
            <translation>Zugriff verweigert.</translation>
        </message>
        <message>
            <source>it is a folder, not a file.</source>
            <translation>es ist ein Ordner, keine Datei.</translation>
        </message>
    </context>
    <context>
        <name>LibraryFilesController</name>
        <message>
            <source>Import prompts</source>
            <translation>Prompts importieren</translation>
        </message>
        <message>
            <source>Importing {name}…</source>
            <translation>{name} wird importiert…</translation>
        </message>
        <message>
            <source>{name} could not be read: {reason} Nothing was changed.</source>
            <translation>{name} konnte nicht gelesen werden: {reason} Es wurde nichts geändert.</translation>
        </message>
        <message numerus="yes">
            <source>%n prompt(s)</source>
            <translation>
                <numerusform>%n Prompt</numerusform>
                <numerusform>%n Prompts</numerusform>
            </translation>
        </message>
        <message>
            <source>Imported {count} from {name}.</source>
            <translation>{count} aus {name} importiert.</translation>
        </message>
        <message>
            <source>Export this prompt</source>
            <translation>Diesen Prompt exportieren</translation>
        </message>
        <message>
            <source>“{name}” with all its versions</source>
            <translation>„{name}“ mit allen Versionen</translation>
        </message>
        <message>
            <source>Export the prompt library</source>
            <translation>Die Prompt-Bibliothek exportieren</translation>
        </message>
        <message>
            <source>Every prompt with all its versions</source>
            <translation>Alle Prompts mit allen Versionen</translation>
        </message>
        <message>
            <source>Exporting to {name}…</source>
            <translation>Export nach {name}…</translation>
        </message>
        <message>
            <source>{what} saved to {path}.</source>
            <translation>{what} in {path} gespeichert.</translation>
        </message>
        <message>
            <source>The export was not written to {path}: {reason}</source>
            <translation>Der Export wurde nicht nach {path} geschrieben: {reason}</translation>
        </message>
        <message>
            <source>An import or export is still running; wait for it to end.</source>
            <translation>Ein Import oder Export läuft noch; warten Sie, bis er fertig ist.</translation>
        </message>
        <message>
            <source>Something went wrong inside LlamaDesk ({name__}).</source>
            <translation>In LlamaDesk ist etwas schiefgegangen ({name__}).</translation>
        </message>
    </context>
    <context>
        <name>LibraryModels</name>
        <message numerus="yes">
            <source>%n version(s)</source>
            <extracomment>(query, limit, offset) -&gt; that page of prompts, as `PromptLibrary.prompts`.</extracomment>
            <translation>
                <numerusform>%n Version</numerusform>
                <numerusform>%n Versionen</numerusform>
            </translation>
        </message>
        <message>
            <source>changed {when}</source>
            <translation>geändert {when}</translation>
        </message>
    </context>
    <context>
        <name>LimitedRead</name>
        <message>
            <source>it is {kind}, not a file</source>
            <translation>es ist {kind}, keine Datei</translation>
        </message>
        <message>
            <source>it is too large (over {size_text}, the most LlamaDesk reads)</source>
            <translation>sie ist zu groß (über {size_text}, mehr liest LlamaDesk nicht)</translation>
        </message>
        <message>
            <source>it is too large ({size_text}; LlamaDesk reads at most {size_text2})</source>
            <translation>sie ist zu groß ({size_text}; LlamaDesk liest höchstens {size_text2})</translation>
        </message>
        <message>
            <source>a folder</source>
            <translation>ein Ordner</translation>
        </message>
        <message>
            <source>a pipe</source>
            <translation>eine Pipe</translation>
        </message>
        <message>
            <source>a socket</source>
            <translation>ein Socket</translation>
        </message>
        <message>
            <source>a device</source>
            <translation>ein Gerät</translation>
        </message>
        <message>
            <source>a special file</source>
            <translation>eine Spezialdatei</translation>
        </message>
    </context>
    <context>
        <name>LocalPage</name>
        <message>
            <source>Server address</source>
            <translation>Serveradresse</translation>
        </message>
        <message>
            <source>For example http://127.0.0.1:8000 (with or without /v1)</source>
            <translation>Zum Beispiel http://127.0.0.1:8000 (mit oder ohne /v1)</translation>
        </message>
        <message>
            <source>API key (optional)</source>
            <translation>API-Schlüssel (optional)</translation>
        </message>
        <message>
            <source>Only if the server needs one</source>
            <translation>Nur, wenn der Server einen braucht</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Optional</translation>
        </message>
        <message>
            <source>Only if the server was started with an API key (--api-key).</source>
            <translation>Nur, wenn der Server mit einem API-Schlüssel gestartet wurde (--api-key).</translation>
        </message>
        <message>
            <source>Server a&amp;ddress</source>
            <translation>Server&amp;adresse</translation>
        </message>
        <message>
            <source>API &amp;key</source>
            <translation>API-&amp;Schlüssel</translation>
        </message>
        <message>
            <source>A server on this computer or network</source>
            <translation>Ein Server auf diesem Computer oder im Netzwerk</translation>
        </message>
        <message>
            <source>The address the server prints when it starts, such as http://127.0.0.1:8000 (vLLM) or http://127.0.0.1:11434 (Ollama).</source>
            <translation>Die Adresse, die der Server beim Start ausgibt, etwa http://127.0.0.1:8000 (vLLM) oder http://127.0.0.1:11434 (Ollama).</translation>
        </message>
        <message>
            <source>Not usable yet: {problem}.</source>
            <translation>Noch nicht verwendbar: {problem}.</translation>
        </message>
        <message>
            <source>Requests go to {normalised}</source>
            <translation>Anfragen gehen an {normalised}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>LlamaDesk</source>
            <translation>LlamaDesk</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Senden</translation>
        </message>
        <message>
            <source>Send the message (Enter)</source>
            <translation>Die Nachricht senden (Eingabetaste)</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Stop the reply and keep its text (Esc)</source>
            <translation>Die Antwort anhalten und ihren Text behalten (Esc)</translation>
        </message>
        <message>
            <source>Reply status</source>
            <translation>Antwortstatus</translation>
        </message>
        <message>
            <source>Context window use</source>
            <translation>Belegung des Kontextfensters</translation>
        </message>
        <message>
            <source>System prompt</source>
            <translation>Systemprompt</translation>
        </message>
        <message>
            <source>This chat's instructions for the model; every chat keeps its own. Edits apply to the next turn.</source>
            <translation>Die Anweisungen dieses Chats für das Modell; jeder Chat hat seine eigenen. Änderungen gelten ab der nächsten Runde.</translation>
        </message>
        <message>
            <source>e.g. You are a concise assistant.</source>
            <translation>z. B. Du bist ein knapper Assistent.</translation>
        </message>
        <message>
            <source>Varia&amp;bles…</source>
            <translation>Va&amp;riablen…</translation>
        </message>
        <message>
            <source>Declare this chat's {{variables}}: type, label, default</source>
            <translation>Die {{Variablen}} dieses Chats festlegen: Typ, Bezeichnung, Vorgabe</translation>
        </message>
        <message>
            <source>P&amp;resets</source>
            <translation>V&amp;orlagen</translation>
        </message>
        <message>
            <source>Raw prompt template</source>
            <translation>Roher Prompt im Llama-Format</translation>
        </message>
        <message>
            <source>The exact Llama 3.1 prompt that Raw mode sends; edit freely.</source>
            <translation>Der genaue Llama-3.1-Prompt, den der Rohmodus sendet; frei bearbeitbar.</translation>
        </message>
        <message>
            <source>Use as default for new chats</source>
            <translation>Als Vorgabe für neue Chats verwenden</translation>
        </message>
        <message>
            <source>New chats will start with this system prompt, these parameters, this prompt mode and this endpoint</source>
            <translation>Neue Chats beginnen mit diesem Systemprompt, diesen Parametern, diesem Prompt-Modus und diesem Endpunkt</translation>
        </message>
        <message>
            <source>Endpoint</source>
            <translation>Endpunkt</translation>
        </message>
        <message>
            <source>Which endpoint answers: switch at any time</source>
            <translation>Welcher Endpunkt antwortet: jederzeit umschaltbar</translation>
        </message>
        <message>
            <source> Endpoint </source>
            <translation> Endpunkt </translation>
        </message>
        <message>
            <source>Endpoints…</source>
            <translation>Endpunkte…</translation>
        </message>
        <message>
            <source>Add, edit and test endpoints (Ctrl+,)</source>
            <translation>Endpunkte hinzufügen, bearbeiten und testen (Strg+,)</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Neuer Chat</translation>
        </message>
        <message>
            <source>Start an empty conversation (Ctrl+N)</source>
            <translation>Eine leere Unterhaltung beginnen (Strg+N)</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Vergleichen</translation>
        </message>
        <message>
            <source>Compare side by side: 2–4 panes (Ctrl+Shift+K)</source>
            <translation>Nebeneinander vergleichen: 2–4 Bereiche (Strg+Umschalt+K)</translation>
        </message>
        <message>
            <source>Presets</source>
            <translation>Vorlagen</translation>
        </message>
        <message>
            <source>Start a chat from a preset, or save this chat's settings</source>
            <translation>Einen Chat aus einer Vorlage beginnen oder die Einstellungen dieses Chats speichern</translation>
        </message>
        <message>
            <source>&lt;b&gt;This chat's system prompt&lt;/b&gt;</source>
            <translation>&lt;b&gt;Systemprompt dieses Chats&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Raw prompt (Llama 3.1 template)</source>
            <translation>Roher Prompt (Llama-3.1-Format)</translation>
        </message>
        <message>
            <source>Refill from conversation</source>
            <translation>Aus der Unterhaltung neu füllen</translation>
        </message>
        <message>
            <source>Rebuild the template from the chat and your message</source>
            <translation>Den rohen Prompt aus dem Chat und Ihrer Nachricht neu aufbauen</translation>
        </message>
        <message>
            <source>This chat's parameters</source>
            <translation>Parameter dieses Chats</translation>
        </message>
        <message>
            <source>≈ {tokens} tokens</source>
            <translation>≈ {tokens} Tokens</translation>
        </message>
    </context>
    <context>
        <name>ManagePresetsDialog</name>
        <message>
            <source>Presets</source>
            <translation>Vorlagen</translation>
        </message>
        <message>
            <source>&amp;Start chat</source>
            <translation>Chat &amp;beginnen</translation>
        </message>
        <message>
            <source>Re&amp;name…</source>
            <translation>&amp;Umbenennen…</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>&amp;Undo delete</source>
            <translation>Löschen &amp;rückgängig</translation>
        </message>
        <message>
            <source>Saved presets. Enter starts a chat from the selected one, F2 renames it, Delete deletes it.</source>
            <translation>Gespeicherte Vorlagen. Die Eingabetaste beginnt einen Chat mit der gewählten, F2 benennt sie um, Entf löscht sie.</translation>
        </message>
        <message>
            <source>Start a new chat with the selected preset's settings</source>
            <translation>Einen neuen Chat mit den Einstellungen der gewählten Vorlage beginnen</translation>
        </message>
        <message>
            <source>Give the selected preset another name (F2)</source>
            <translation>Der gewählten Vorlage einen anderen Namen geben (F2)</translation>
        </message>
        <message>
            <source>Delete the selected preset; Undo delete brings it back</source>
            <translation>Die gewählte Vorlage löschen; „Löschen rückgängig“ holt sie zurück</translation>
        </message>
        <message>
            <source>Bring the last deleted preset back</source>
            <translation>Die zuletzt gelöschte Vorlage zurückholen</translation>
        </message>
        <message>
            <source>Enter starts a chat from the selected preset; F2 renames it; Delete removes it.</source>
            <translation>Die Eingabetaste beginnt einen Chat mit der gewählten Vorlage; F2 benennt sie um; Entf entfernt sie.</translation>
        </message>
    </context>
    <context>
        <name>ManagedSettings</name>
        <message>
            <source>Read from {path}.</source>
            <translation>Gelesen aus {path}.</translation>
        </message>
        <message>
            <source>Endpoints: {names}.</source>
            <translation>Endpunkte: {names}.</translation>
        </message>
        <message>
            <source>Only these endpoints can be used.</source>
            <translation>Nur diese Endpunkte können verwendet werden.</translation>
        </message>
        <message>
            <source>{name}: {value}</source>
            <translation>{name}: {value}</translation>
        </message>
        <message>
            <source>(a default you can change)</source>
            <translation>(eine Vorgabe, die Sie ändern können)</translation>
        </message>
        <message>
            <source>Prompts: {names}.</source>
            <translation>Prompts: {names}.</translation>
        </message>
        <message>
            <source>Only these prompts can be used.</source>
            <translation>Nur diese Prompts können verwendet werden.</translation>
        </message>
        <message>
            <source>on</source>
            <translation>ein</translation>
        </message>
        <message>
            <source>off</source>
            <translation>aus</translation>
        </message>
        <message>
            <source>Simple mode: {state}.</source>
            <translation>Einfacher Modus: {state}.</translation>
        </message>
        <message>
            <source>Exporting chats is turned off.</source>
            <translation>Das Exportieren von Chats ist ausgeschaltet.</translation>
        </message>
        <message>
            <source>whoever looks after this computer</source>
            <translation>die Person, die diesen Computer betreut</translation>
        </message>
        <message>
            <source>Questions: {contact}.</source>
            <translation>Fragen an: {contact}.</translation>
        </message>
        <message>
            <source>Managed settings</source>
            <translation>Verwaltete Einstellungen</translation>
        </message>
        <message>
            <source>Your organization manages these LlamaDesk settings on this computer:</source>
            <translation>Ihre Organisation verwaltet diese Einstellungen von LlamaDesk auf diesem Computer:</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>&amp;Managed settings…</source>
            <translation>&amp;Verwaltete Einstellungen…</translation>
        </message>
    </context>
    <context>
        <name>MarkdownNotes</name>
        <message>
            <source>Quotes nested deeper than {depth} levels are shown at level {depth}.</source>
            <extracomment>Source characters per rendered block: a longer paragraph, list, quote or code block is rendered in parts of this size (Qt lays out 4 KB of prose in ~3 ms, highlighted code ~10 ms). A table row may grow to this before it too is cut (a row is cut only when it must be). Quotes are drawn as tables with a bar; deeper levels are drawn at this depth. Lists deeper than this are drawn as indented lines at this depth. Parser nesting (a quote adds 1, a list level 2) past which the source is shown as text. Tables wider than this are shown as lines of "column: value" text, one per row. Body cells per drawn table; longer tables are drawn as several, each with the header. Qt frames (tables) per message; later quotes, code blocks and tables are drawn without.</extracomment>
            <translation>Zitate, die tiefer als {depth} Ebenen verschachtelt sind, werden auf Ebene {depth} gezeigt.</translation>
        </message>
        <message>
            <source>Lists nested deeper than {depth} levels are shown at level {depth}.</source>
            <translation>Listen, die tiefer als {depth} Ebenen verschachtelt sind, werden auf Ebene {depth} gezeigt.</translation>
        </message>
        <message>
            <source>Nesting this deep is shown as plain text.</source>
            <translation>So tiefe Verschachtelung wird als einfacher Text gezeigt.</translation>
        </message>
        <message>
            <source>This reply has many quotes, tables or code blocks: from here on they are shown without boxes, to keep the window responsive.</source>
            <translation>Diese Antwort hat viele Zitate, Tabellen oder Codeblöcke: Ab hier werden sie ohne Rahmen gezeigt, damit das Fenster flüssig bleibt.</translation>
        </message>
        <message>
            <source>This table has {columns} columns: each row is shown as a line of text.</source>
            <translation>Diese Tabelle hat {columns} Spalten: Jede Zeile wird als Textzeile gezeigt.</translation>
        </message>
        <message>
            <source>Lines longer than {chars} characters are shown in parts.</source>
            <translation>Zeilen mit mehr als {chars} Zeichen werden in Teilen gezeigt.</translation>
        </message>
    </context>
    <context>
        <name>MemorySecretStore</name>
        <message>
            <source>this session only (not saved)</source>
            <translation>nur diese Sitzung (nicht gespeichert)</translation>
        </message>
    </context>
    <context>
        <name>Message</name>
        <message>
            <source>LlamaDesk closed before this reply finished (it was recovered when LlamaDesk started again). The text so far is kept; Retry asks again.</source>
            <translation>LlamaDesk wurde geschlossen, bevor diese Antwort fertig war (sie wurde beim nächsten Start von LlamaDesk wiederhergestellt). Der bisherige Text bleibt erhalten; „Erneut versuchen“ fragt noch einmal.</translation>
        </message>
    </context>
    <context>
        <name>MessageHtml</name>
        <message>
            <source>You</source>
            <extracomment>Estimated µs of work per inserted chunk: small enough for several per 16 ms frame. Characters of a message fed to its splitter per step (scanning costs up to ~0.5 µs a char). A user's message longer than this is shown as several shaded pieces instead of one table. A reply's header (compare highlights start past it).</extracomment>
            <translation>Sie</translation>
        </message>
    </context>
    <context>
        <name>PaneController</name>
        <message>
            <source>a reply is still streaming</source>
            <translation>eine Antwort wird noch gestreamt</translation>
        </message>
        <message>
            <source>This pane is still streaming: stop it first.</source>
            <translation>Dieser Bereich streamt noch: Halten Sie ihn zuerst an.</translation>
        </message>
        <message>
            <source>The message box below sends to every pane; to edit a message, use “Continue with this one” and edit it in the chat.</source>
            <translation>Das Eingabefeld unten sendet an alle Bereiche; um eine Nachricht zu bearbeiten, wählen Sie „Hiermit weiter“ und bearbeiten Sie sie im Chat.</translation>
        </message>
        <message>
            <source>Streaming…</source>
            <translation>Streamt…</translation>
        </message>
        <message>
            <source>Waiting for the first token…</source>
            <translation>Warte auf das erste Token…</translation>
        </message>
        <message>
            <source>TTFT {value:.2f} s</source>
            <translation>TTFT {value:.2f} s</translation>
        </message>
        <message>
            <source>{tokens_per_s:.0f} tokens/s</source>
            <translation>{tokens_per_s:.0f} Tokens/s</translation>
        </message>
        <message>
            <source>{completion_tokens} tokens</source>
            <translation>{completion_tokens} Tokens</translation>
        </message>
        <message>
            <source> so far</source>
            <translation> bisher</translation>
        </message>
        <message>
            <source>≈ {estimate_tokens} tokens{so_far}</source>
            <translation>≈ {estimate_tokens} Tokens{so_far}</translation>
        </message>
        <message>
            <source>cut by max_tokens</source>
            <translation>durch max_tokens abgeschnitten</translation>
        </message>
    </context>
    <context>
        <name>PaneDifferences</name>
        <message>
            <source>Too long to compare word by word: not all differences are marked.</source>
            <translation>Zu lang für einen Vergleich Wort für Wort: Nicht alle Unterschiede sind markiert.</translation>
        </message>
        <message>
            <source>pane {number}</source>
            <translation>Bereich {number}</translation>
        </message>
        <message>
            <source>Same words as {name}.</source>
            <translation>Dieselben Wörter wie {name}.</translation>
        </message>
        <message>
            <source>1 word differs from {name} (highlighted)</source>
            <translation>1 Wort weicht von {name} ab (hervorgehoben)</translation>
        </message>
        <message>
            <source>{words} differ from {name} (highlighted)</source>
            <translation>{words} weichen von {name} ab (hervorgehoben)</translation>
        </message>
        <message>
            <source>{missing} of {name}’s words missing here</source>
            <translation>{missing} der Wörter von {name} fehlen hier</translation>
        </message>
    </context>
    <context>
        <name>PaneFigures</name>
        <message>
            <source>Stopped</source>
            <extracomment>A reply that did not finish says so first, then what is known of it.</extracomment>
            <translation>Angehalten</translation>
        </message>
        <message>
            <source>Interrupted</source>
            <translation>Unterbrochen</translation>
        </message>
    </context>
    <context>
        <name>PaneHeader</name>
        <message>
            <source>Temp</source>
            <extracomment>The parameters a pane shows (the others keep the values the pane started with).</extracomment>
            <translation>Temp.</translation>
        </message>
        <message>
            <source>Top p</source>
            <translation>Top p</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>Max.</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Seed</translation>
        </message>
        <message>
            <source>Which endpoint and model answers in this pane</source>
            <translation>Welcher Endpunkt und welches Modell in diesem Bereich antworten</translation>
        </message>
        <message>
            <source>Settings ▾</source>
            <translation>Einstellungen ▾</translation>
        </message>
        <message>
            <source>Show or hide the prompt and parameters of every pane (folded, one line says them)</source>
            <translation>Prompt und Parameter aller Bereiche zeigen oder verbergen (eingeklappt fasst eine Zeile sie zusammen)</translation>
        </message>
        <message>
            <source>System prompt of this pane (empty: none)</source>
            <translation>Systemprompt dieses Bereichs (leer: keiner)</translation>
        </message>
        <message>
            <source>This pane's system prompt; edits apply to the next message</source>
            <translation>Der Systemprompt dieses Bereichs; Änderungen gelten ab der nächsten Nachricht</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>auto</translation>
        </message>
        <message>
            <source>Settings ▴</source>
            <translation>Einstellungen ▴</translation>
        </message>
        <message>
            <source>&lt;b&gt;{number}&lt;/b&gt;</source>
            <translation>&lt;b&gt;{number}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Pane {number}</source>
            <translation>Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} endpoint</source>
            <translation>Endpunkt von Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} settings</source>
            <translation>Einstellungen von Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} settings in short</source>
            <translation>Einstellungen von Bereich {number} in Kürze</translation>
        </message>
        <message>
            <source>Pane {number} prompt from the library</source>
            <translation>Prompt aus der Bibliothek für Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} prompt library</source>
            <translation>Prompt-Bibliothek für Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} system prompt</source>
            <translation>Systemprompt von Bereich {number}</translation>
        </message>
        <message>
            <source>Pane {number} {replace}</source>
            <translation>Bereich {number}: {replace}</translation>
        </message>
    </context>
    <context>
        <name>PaneSettings</name>
        <message>
            <source>Default parameters</source>
            <translation>Standardparameter</translation>
        </message>
        <message>
            <source>no system prompt</source>
            <translation>kein Systemprompt</translation>
        </message>
        <message>
            <source>library prompt: {first_line}</source>
            <translation>Prompt aus der Bibliothek: {first_line}</translation>
        </message>
    </context>
    <context>
        <name>ParamSpec</name>
        <message>
            <source>a whole number</source>
            <translation>eine ganze Zahl</translation>
        </message>
        <message>
            <source>a number</source>
            <translation>eine Zahl</translation>
        </message>
        <message>
            <source>{kind} from {fmt} to {fmt2}</source>
            <translation>{kind} von {fmt} bis {fmt2}</translation>
        </message>
        <message>
            <source>Longest reply, in tokens</source>
            <translation>Längste Antwort, in Tokens</translation>
        </message>
        <message>
            <source>Randomness; 0 is nearly deterministic</source>
            <translation>Zufälligkeit; 0 ist nahezu deterministisch</translation>
        </message>
        <message>
            <source>Nucleus sampling: keep the most likely tokens</source>
            <translation>Nucleus-Sampling: die wahrscheinlichsten Tokens behalten</translation>
        </message>
        <message>
            <source>Sample only from the k most likely tokens</source>
            <translation>Nur aus den k wahrscheinlichsten Tokens wählen</translation>
        </message>
        <message>
            <source>Same seed + same input = same reply</source>
            <translation>Gleicher Seed + gleiche Eingabe = gleiche Antwort</translation>
        </message>
        <message>
            <source>Discourage repeating tokens</source>
            <translation>Wiederholte Tokens erschweren</translation>
        </message>
        <message>
            <source>Discourage frequent tokens</source>
            <translation>Häufige Tokens erschweren</translation>
        </message>
        <message>
            <source>Encourage new topics</source>
            <translation>Neue Themen fördern</translation>
        </message>
    </context>
    <context>
        <name>ParameterError</name>
        <message>
            <source>{name} must be {allowed} (got {shown})</source>
            <extracomment>Sent explicitly on every request: Workers AI silently cuts replies at 256 tokens otherwise.</extracomment>
            <translation>{name} muss {allowed} sein (erhalten: {shown})</translation>
        </message>
    </context>
    <context>
        <name>ParamsPanel</name>
        <message>
            <source>Chat (messages)</source>
            <translation>Chat (Nachrichten)</translation>
        </message>
        <message>
            <source>Single prompt</source>
            <translation>Einzelner Prompt</translation>
        </message>
        <message>
            <source>Raw template</source>
            <translation>Rohformat</translation>
        </message>
        <message>
            <source>default</source>
            <translation>Standard</translation>
        </message>
        <message>
            <source>auto (1024)</source>
            <translation>auto (1024)</translation>
        </message>
        <message>
            <source>Max tokens</source>
            <extracomment>The parameters' names on screen (the wire names stay as they are).</extracomment>
            <translation>Max. Tokens</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>Temperatur</translation>
        </message>
        <message>
            <source>Top p</source>
            <translation>Top p</translation>
        </message>
        <message>
            <source>Top k</source>
            <translation>Top k</translation>
        </message>
        <message>
            <source>Seed</source>
            <translation>Seed</translation>
        </message>
        <message>
            <source>Repetition penalty</source>
            <translation>Wiederholungsstrafe</translation>
        </message>
        <message>
            <source>Frequency penalty</source>
            <translation>Häufigkeitsstrafe</translation>
        </message>
        <message>
            <source>Presence penalty</source>
            <translation>Präsenzstrafe</translation>
        </message>
        <message>
            <source>Prompt mode</source>
            <translation>Prompt-Modus</translation>
        </message>
        <message>
            <source>Chat sends the conversation as messages; Single prompt sends only your last message; Raw sends a Llama 3.1 template you can edit.</source>
            <translation>„Chat“ sendet die Unterhaltung als Nachrichten; „Einzelner Prompt“ sendet nur Ihre letzte Nachricht; „Rohformat“ sendet einen Prompt im Llama-3.1-Format, den Sie bearbeiten können.</translation>
        </message>
        <message>
            <source>Mode</source>
            <translation>Modus</translation>
        </message>
        <message>
            <source>{capitalize}&lt;br&gt;&lt;span style="color:{muted}; font-size:small"&gt;{range}&lt;/span&gt;</source>
            <translation>{capitalize}&lt;br&gt;&lt;span style="color:{muted}; font-size:small"&gt;{range}&lt;/span&gt;</translation>
        </message>
        <message>
            <source>Reproducible (send a seed)</source>
            <translation>Reproduzierbar (Seed senden)</translation>
        </message>
        <message>
            <source>Reproducible: send a seed with every request</source>
            <translation>Reproduzierbar: mit jeder Anfrage einen Seed senden</translation>
        </message>
        <message>
            <source>Send a seed with every request, so that a reply can be asked for again exactly: the seed above if one is set, else a fresh random one for each request. Every seed sent is kept in the reply's Details.</source>
            <translation>Mit jeder Anfrage einen Seed senden, damit eine Antwort exakt erneut angefordert werden kann: den Seed oben, falls gesetzt, sonst für jede Anfrage einen neuen zufälligen. Jeder gesendete Seed steht in den Details der Antwort.</translation>
        </message>
        <message>
            <source>Reset to defaults</source>
            <translation>Auf Standardwerte zurücksetzen</translation>
        </message>
        <message>
            <source>Clear every parameter back to its default</source>
            <translation>Alle Parameter auf ihren Standardwert zurücksetzen</translation>
        </message>
        <message>
            <source>Parameters set by your organization</source>
            <translation>Von Ihrer Organisation festgelegte Parameter</translation>
        </message>
        <message>
            <source>; the model's default is {default:g}</source>
            <translation>; der Standardwert des Modells ist {default:g}</translation>
        </message>
        <message>
            <source>“auto” sends 1024, fitted to what the context window leaves</source>
            <translation>„auto“ sendet 1024, angepasst an den Platz, den das Kontextfenster lässt</translation>
        </message>
        <message>
            <source>“default” leaves it to the server</source>
            <translation>„Standard“ überlässt es dem Server</translation>
        </message>
    </context>
    <context>
        <name>Policy</name>
        <message>
            <source>Set by your organization.</source>
            <extracomment>A policy endpoint's profile id: never the id of a profile a user made (those are uuid4 hex). A chat on one of the policy's prompts has this prompt_ref (the library's refs have no ":").</extracomment>
            <translation>Von Ihrer Organisation festgelegt.</translation>
        </message>
        <message>
            <source>Questions: {contact}.</source>
            <translation>Fragen an: {contact}.</translation>
        </message>
        <message>
            <source>If this keeps happening, contact {contact}.</source>
            <translation>Wenn das wieder vorkommt, wenden Sie sich an {contact}.</translation>
        </message>
        <message>
            <source> (line {line}, at {where})</source>
            <extracomment>A policy of 50 endpoints and 200 prompts is well under this; more is not a policy file. Who may own the policy file (POSIX): root. Tests pass their own uid.</extracomment>
            <translation> (Zeile {line}, bei {where})</translation>
        </message>
        <message>
            <source> (line {line})</source>
            <translation> (Zeile {line})</translation>
        </message>
        <message>
            <source> (at {where})</source>
            <translation> (bei {where})</translation>
        </message>
        <message>
            <source>The settings your organization manages for LlamaDesk ({path}) cannot be used{place}: {reason}. LlamaDesk does not start without them, so that nothing your organization locked is left open.</source>
            <translation>Die Einstellungen, die Ihre Organisation für LlamaDesk verwaltet ({path}), können nicht verwendet werden{place}: {reason}. Ohne sie startet LlamaDesk nicht, damit nichts offen bleibt, was Ihre Organisation gesperrt hat.</translation>
        </message>
        <message>
            <source>Please contact {contact}.</source>
            <translation>Bitte wenden Sie sich an {contact}.</translation>
        </message>
        <message>
            <source>Please tell whoever looks after this computer.</source>
            <translation>Bitte sagen Sie es der Person, die diesen Computer betreut.</translation>
        </message>
    </context>
    <context>
        <name>PolicyLocks</name>
        <message>
            <source>Locked:</source>
            <extracomment>Font families that draw the lock; without one it would show as an empty box. A QAction property: the policy turned this action off, and nothing turns it on again. Settings a refusal names that are one thing to a person (the prompt and what comes with it).</extracomment>
            <translation>Gesperrt:</translation>
        </message>
        <message>
            <source>Exporting chats is turned off by your organization. {note}</source>
            <translation>Das Exportieren von Chats hat Ihre Organisation ausgeschaltet. {note}</translation>
        </message>
        <message>
            <source>{name} at {value}</source>
            <translation>{name} auf {value}</translation>
        </message>
        <message>
            <source>the system prompt</source>
            <translation>Der Systemprompt</translation>
        </message>
        <message>
            <source>the endpoint</source>
            <translation>Der Endpunkt</translation>
        </message>
        <message>
            <source>Kept {what}: {note}</source>
            <translation>{what} bleibt: {note}</translation>
        </message>
        <message>
            <source>the default</source>
            <translation>Die Vorgabe</translation>
        </message>
    </context>
    <context>
        <name>PolicyPromptChooser</name>
        <message>
            <source>Your organization's prompts</source>
            <extracomment>The Chat menu's actions that write chats to a file of the user's choosing.</extracomment>
            <translation>Prompts Ihrer Organisation</translation>
        </message>
        <message>
            <source>Choose one of the prompts your organization provides</source>
            <translation>Wählen Sie einen der Prompts, die Ihre Organisation bereitstellt</translation>
        </message>
        <message>
            <source>No system prompt</source>
            <translation>Kein Systemprompt</translation>
        </message>
    </context>
    <context>
        <name>PolicyStart</name>
        <message>
            <source>The settings your organization manages for LlamaDesk ({path}) do not allow other endpoints, so --backend, --base-url, --account-id and --model cannot be used. Start LlamaDesk without them to use your organization's endpoints.</source>
            <extracomment>Shows the message of a policy that keeps LlamaDesk closed (tests answer it themselves).</extracomment>
            <translation>Die Einstellungen, die Ihre Organisation für LlamaDesk verwaltet ({path}), erlauben keine anderen Endpunkte; --backend, --base-url, --account-id und --model können daher nicht verwendet werden. Starten Sie LlamaDesk ohne sie, um die Endpunkte Ihrer Organisation zu verwenden.</translation>
        </message>
        <message>
            <source>LlamaDesk</source>
            <translation>LlamaDesk</translation>
        </message>
        <message>
            <source>LlamaDesk stays closed</source>
            <translation>LlamaDesk bleibt geschlossen</translation>
        </message>
    </context>
    <context>
        <name>PresetNameDialog</name>
        <message>
            <source>Preset name</source>
            <translation>Name der Vorlage</translation>
        </message>
        <message>
            <source>The name the Presets menu shows</source>
            <translation>Der Name, den das Menü „Vorlagen“ zeigt</translation>
        </message>
    </context>
    <context>
        <name>PresetSettings</name>
        <message>
            <source>the default endpoint ({name})</source>
            <extracomment>What reading or writing the library can raise: its own sentence, or the file's trouble.</extracomment>
            <translation>der Standard-Endpunkt ({name})</translation>
        </message>
        <message>
            <source>no endpoint (add one)</source>
            <translation>kein Endpunkt (fügen Sie einen hinzu)</translation>
        </message>
        <message>
            <source>Its endpoint no longer exists, so {used} answers.</source>
            <translation>Ihr Endpunkt existiert nicht mehr, daher antwortet {used}.</translation>
        </message>
        <message>
            <source>Its parameters could not be used ({exc}); the defaults are.</source>
            <translation>Ihre Parameter konnten nicht verwendet werden ({exc}); es gelten die Standardwerte.</translation>
        </message>
        <message>
            <source>so the chat starts with your default system prompt.</source>
            <translation>daher beginnt der Chat mit Ihrem Standard-Systemprompt.</translation>
        </message>
        <message>
            <source>Its prompt reference could not be read, {default}</source>
            <translation>Ihr Verweis auf den Prompt konnte nicht gelesen werden, {default}</translation>
        </message>
        <message>
            <source>The prompt library cannot be read now ({exc}), {default}</source>
            <translation>Die Prompt-Bibliothek kann gerade nicht gelesen werden ({exc}), {default}</translation>
        </message>
        <message>
            <source>Its prompt no longer exists in the library, {default}</source>
            <translation>Ihr Prompt existiert nicht mehr in der Bibliothek, {default}</translation>
        </message>
        <message>
            <source>Its label “{label}” no longer exists, so the prompt's newest version ({number}) is used.</source>
            <translation>Ihr Label „{label}“ existiert nicht mehr, daher wird die neueste Version des Prompts ({number}) verwendet.</translation>
        </message>
        <message>
            <source>Saved with the preset “{name}”</source>
            <translation>Mit der Vorlage „{name}“ gespeichert</translation>
        </message>
        <message>
            <source> The edited prompt was saved as its version {number}.</source>
            <translation> Der bearbeitete Prompt wurde als seine Version {number} gespeichert.</translation>
        </message>
        <message>
            <source>Saved with a preset</source>
            <translation>Mit einer Vorlage gespeichert</translation>
        </message>
        <message>
            <source> Its system prompt was added to the library as “{name}”.</source>
            <translation> Ihr Systemprompt wurde als „{name}“ in die Bibliothek aufgenommen.</translation>
        </message>
    </context>
    <context>
        <name>PresetsController</name>
        <message>
            <source>chat</source>
            <extracomment>The menu lists this many presets; Manage presets… lists them all.</extracomment>
            <translation>Chat</translation>
        </message>
        <message>
            <source>single prompt</source>
            <translation>einzelner Prompt</translation>
        </message>
        <message>
            <source>raw</source>
            <translation>Rohformat</translation>
        </message>
        <message>
            <source>Presets are kept with the chat history, which is off</source>
            <translation>Vorlagen liegen beim Chatverlauf, der ausgeschaltet ist</translation>
        </message>
        <message>
            <source>No presets yet</source>
            <translation>Noch keine Vorlagen</translation>
        </message>
        <message>
            <source>{value} more in Manage presets…</source>
            <translation>{value} weitere unter „Vorlagen verwalten…“</translation>
        </message>
        <message>
            <source>&amp;Save this chat's settings as a preset…</source>
            <translation>Einstellungen dieses Chats als Vorlage &amp;speichern…</translation>
        </message>
        <message>
            <source>&amp;Manage presets…</source>
            <translation>Vorlagen &amp;verwalten…</translation>
        </message>
        <message>
            <source>no system prompt</source>
            <translation>kein Systemprompt</translation>
        </message>
        <message>
            <source>the default endpoint</source>
            <translation>der Standard-Endpunkt</translation>
        </message>
        <message>
            <source>a removed endpoint</source>
            <translation>ein entfernter Endpunkt</translation>
        </message>
        <message>
            <source>default parameters</source>
            <translation>Standardparameter</translation>
        </message>
        <message>
            <source>a removed prompt</source>
            <translation>ein entfernter Prompt</translation>
        </message>
        <message>
            <source>a prompt (the library cannot be read now)</source>
            <translation>ein Prompt (die Bibliothek kann gerade nicht gelesen werden)</translation>
        </message>
        <message>
            <source>version {version}</source>
            <translation>Version {version}</translation>
        </message>
        <message>
            <source>label “{label}”</source>
            <translation>Label „{label}“</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it first.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie zuerst an.</translation>
        </message>
        <message>
            <source>That preset no longer exists.</source>
            <translation>Diese Vorlage existiert nicht mehr.</translation>
        </message>
        <message>
            <source>New chat from “{name}”.</source>
            <translation>Neuer Chat aus „{name}“.</translation>
        </message>
        <message>
            <source>Save as a preset</source>
            <translation>Als Vorlage speichern</translation>
        </message>
        <message>
            <source>Name the preset (a preset with the same name is replaced). It keeps this chat's system prompt (as a library version), parameters, endpoint and prompt mode.</source>
            <translation>Benennen Sie die Vorlage (eine Vorlage mit gleichem Namen wird ersetzt). Sie bewahrt den Systemprompt dieses Chats (als Version in der Bibliothek), die Parameter, den Endpunkt und den Prompt-Modus.</translation>
        </message>
        <message>
            <source>The preset was not saved: {exc}</source>
            <translation>Die Vorlage wurde nicht gespeichert: {exc}</translation>
        </message>
        <message>
            <source>Preset “{name}” replaced.{added}</source>
            <translation>Vorlage „{name}“ ersetzt.{added}</translation>
        </message>
        <message>
            <source>Preset “{name}” saved.{added}</source>
            <translation>Vorlage „{name}“ gespeichert.{added}</translation>
        </message>
        <message>
            <source>Rename preset</source>
            <translation>Vorlage umbenennen</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Neuer Name:</translation>
        </message>
        <message>
            <source>Deleted “{name}”.</source>
            <translation>„{name}“ gelöscht.</translation>
        </message>
        <message>
            <source>“{name}” is back.</source>
            <translation>„{name}“ ist wieder da.</translation>
        </message>
        <message>
            <source>The presets cannot be read now: {exc}</source>
            <translation>Die Vorlagen können gerade nicht gelesen werden: {exc}</translation>
        </message>
        <message>
            <source>Not saved: {exc}</source>
            <translation>Nicht gespeichert: {exc}</translation>
        </message>
    </context>
    <context>
        <name>PresetsDialog</name>
        <message>
            <source>Give the preset a name.</source>
            <translation>Geben Sie der Vorlage einen Namen.</translation>
        </message>
        <message>
            <source>A preset's name can be at most {MAX_PRESET_NAME_CHARS} characters.</source>
            <translation>Der Name einer Vorlage darf höchstens {MAX_PRESET_NAME_CHARS} Zeichen lang sein.</translation>
        </message>
    </context>
    <context>
        <name>Profiles</name>
        <message>
            <source>Enter your Cloudflare account ID (Cloudflare dashboard → Workers AI → “Use REST API”).</source>
            <translation>Geben Sie Ihre Cloudflare-Konto-ID ein (Cloudflare-Dashboard → Workers AI → „Use REST API“).</translation>
        </message>
        <message>
            <source>The account ID may contain only letters, digits, - and _ (copy the 32-character ID from the Cloudflare dashboard).</source>
            <translation>Die Konto-ID darf nur Buchstaben, Ziffern, - und _ enthalten (kopieren Sie die 32-stellige ID aus dem Cloudflare-Dashboard).</translation>
        </message>
        <message>
            <source>The AI Gateway ID may contain only letters, digits, - and _.</source>
            <translation>Die AI-Gateway-ID darf nur Buchstaben, Ziffern, - und _ enthalten.</translation>
        </message>
        <message>
            <source>The model name “{model}” cannot contain spaces.</source>
            <translation>Der Modellname „{model}“ darf keine Leerzeichen enthalten.</translation>
        </message>
        <message>
            <source>A Workers AI model name has only letters, digits and @ / . _ : + - (for example @cf/meta/llama-3.1-8b-instruct-fp8).</source>
            <translation>Ein Workers-AI-Modellname enthält nur Buchstaben, Ziffern und @ / . _ : + - (zum Beispiel @cf/meta/llama-3.1-8b-instruct-fp8).</translation>
        </message>
        <message>
            <source>“{shown_url}” cannot be used as the API address: {problem}.</source>
            <translation>„{shown_url}“ kann nicht als API-Adresse verwendet werden: {problem}.</translation>
        </message>
        <message>
            <source>Enter the server address, for example http://127.0.0.1:8000.</source>
            <translation>Geben Sie die Serveradresse ein, zum Beispiel http://127.0.0.1:8000.</translation>
        </message>
        <message>
            <source>“{shown_url}” cannot be used as the server address: {problem}.</source>
            <translation>„{shown_url}“ kann nicht als Serveradresse verwendet werden: {problem}.</translation>
        </message>
        <message>
            <source>Unknown {label} “{value}” (known: {known}).</source>
            <translation>Unbekannte {label} „{value}“ (bekannt: {known}).</translation>
        </message>
        <message>
            <source>Cloudflare Workers AI</source>
            <translation>Cloudflare Workers AI</translation>
        </message>
        <message>
            <source>Local server</source>
            <translation>Lokaler Server</translation>
        </message>
    </context>
    <context>
        <name>PromptBinding</name>
        <message>
            <source>This prompt is not in the library any more.</source>
            <extracomment>Prompts the picker lists (most recently changed first); the library window has them all.</extracomment>
            <translation>Dieser Prompt ist nicht mehr in der Bibliothek.</translation>
        </message>
        <message>
            <source>Your edit of {name} was kept as version {number}.</source>
            <translation>Ihre Änderung an {name} wurde als Version {number} aufbewahrt.</translation>
        </message>
        <message>
            <source>Your edit of {name} could not be saved ({rstrip}); “This chat's own prompt” brings it back.</source>
            <translation>Ihre Änderung an {name} konnte nicht gespeichert werden ({rstrip}); „Eigener Prompt dieses Chats“ holt sie zurück.</translation>
        </message>
        <message>
            <source>The edit was not saved: {why}</source>
            <translation>Die Änderung wurde nicht gespeichert: {why}</translation>
        </message>
        <message>
            <source>Edit discarded. Ctrl+Z in the system prompt brings it back.</source>
            <translation>Änderung verworfen. Strg+Z im Systemprompt holt sie zurück.</translation>
        </message>
        <message>
            <source>Editing leaves the label “{label}”: this chat now edits version {number}. Ctrl+S saves it as a new version; Discard goes back to the label.</source>
            <translation>Mit dem Bearbeiten verlässt der Chat das Label „{label}“: Er bearbeitet jetzt Version {number}. Strg+S speichert sie als neue Version; „Verwerfen“ kehrt zum Label zurück.</translation>
        </message>
        <message>
            <source>The label “{label}” moved to version {number}: this chat uses that text now.</source>
            <translation>Das Label „{label}“ wurde auf Version {number} verschoben: Dieser Chat verwendet jetzt diesen Text.</translation>
        </message>
        <message>
            <source>This chat's library prompt (“{ref}”) could not be read, so its text is kept as this chat's own prompt. “Save as new prompt…” puts it in the library.</source>
            <translation>Der Bibliotheks-Prompt dieses Chats („{ref}“) konnte nicht gelesen werden; sein Text bleibt als eigener Prompt dieses Chats erhalten. „Als neuen Prompt speichern…“ legt ihn in der Bibliothek ab.</translation>
        </message>
        <message>
            <source>The label “{label}” of “{name}” is gone: this chat now uses version {number}</source>
            <translation>Das Label „{label}“ von „{name}“ ist weg: Dieser Chat verwendet jetzt Version {number}</translation>
        </message>
        <message>
            <source>, with its text as an unsaved edit.</source>
            <translation>, mit ihrem Text als nicht gespeicherter Änderung.</translation>
        </message>
        <message>
            <source>this prompt</source>
            <translation>dieser Prompt</translation>
        </message>
    </context>
    <context>
        <name>PromptChoiceDialog</name>
        <message>
            <source>Prompt to run</source>
            <translation>Auszuführender Prompt</translation>
        </message>
        <message>
            <source>Prompt {id}</source>
            <translation>Prompt {id}</translation>
        </message>
        <message>
            <source>Library prompt</source>
            <translation>Prompt aus der Bibliothek</translation>
        </message>
        <message>
            <source>A prompt saved in the library</source>
            <translation>Ein in der Bibliothek gespeicherter Prompt</translation>
        </message>
        <message>
            <source>Label or version</source>
            <translation>Label oder Version</translation>
        </message>
        <message>
            <source>Which version of the prompt runs: a label follows it when it moves</source>
            <translation>Welche Version des Prompts läuft: Ein Label folgt ihr, wenn es verschoben wird</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>Vorlage</translation>
        </message>
        <message>
            <source>Run with a preset's prompt and settings</source>
            <translation>Mit Prompt und Einstellungen einer Vorlage ausführen</translation>
        </message>
        <message>
            <source>Column name</source>
            <translation>Spaltenname</translation>
        </message>
        <message>
            <source>The results grid's heading for this prompt</source>
            <translation>Die Spaltenüberschrift im Ergebnisraster für diesen Prompt</translation>
        </message>
        <message>
            <source>System prompt text</source>
            <translation>Text des Systemprompts</translation>
        </message>
        <message>
            <source>Or type the prompt to run here</source>
            <translation>Oder geben Sie hier den auszuführenden Prompt ein</translation>
        </message>
        <message>
            <source>The system prompt; {{variables}} are filled per case</source>
            <translation>Der Systemprompt; {{Variablen}} werden pro Fall ausgefüllt</translation>
        </message>
        <message>
            <source>&amp;Prompt:</source>
            <translation>&amp;Prompt:</translation>
        </message>
        <message>
            <source>&amp;At:</source>
            <translation>&amp;Bei:</translation>
        </message>
        <message>
            <source>P&amp;reset:</source>
            <translation>&amp;Vorlage:</translation>
        </message>
        <message>
            <source>The preset's prompt and parameters are used. Runs ask the endpoint the chat uses when Run is clicked, not the preset's own endpoint.</source>
            <translation>Prompt und Parameter der Vorlage werden verwendet. Läufe fragen den Endpunkt, den der Chat beim Klick auf „Ausführen“ verwendet, nicht den eigenen Endpunkt der Vorlage.</translation>
        </message>
        <message>
            <source>&amp;Column:</source>
            <translation>&amp;Spalte:</translation>
        </message>
        <message>
            <source>&amp;Text:</source>
            <translation>&amp;Text:</translation>
        </message>
        <message>
            <source>&amp;Library prompt</source>
            <translation>Prompt aus der &amp;Bibliothek</translation>
        </message>
        <message>
            <source>Pre&amp;set</source>
            <translation>V&amp;orlage</translation>
        </message>
        <message>
            <source>&amp;Own text</source>
            <translation>&amp;Eigener Text</translation>
        </message>
        <message>
            <source>The prompt library is not open: only own text can be used.</source>
            <translation>Die Prompt-Bibliothek ist nicht geöffnet: Nur eigener Text kann verwendet werden.</translation>
        </message>
        <message>
            <source>newest version</source>
            <translation>neueste Version</translation>
        </message>
        <message>
            <source>The library has no prompt to choose yet.</source>
            <translation>Die Bibliothek hat noch keinen Prompt zur Auswahl.</translation>
        </message>
        <message>
            <source>There is no preset to choose yet.</source>
            <translation>Es gibt noch keine Vorlage zur Auswahl.</translation>
        </message>
        <message>
            <source>That preset's prompt cannot be read: {exc}</source>
            <translation>Der Prompt dieser Vorlage kann nicht gelesen werden: {exc}</translation>
        </message>
        <message>
            <source>own text</source>
            <translation>eigener Text</translation>
        </message>
    </context>
    <context>
        <name>PromptChoices</name>
        <message>
            <source>{id}: library prompt {library}{extra}</source>
            <translation>{id}: Prompt aus der Bibliothek {library}{extra}</translation>
        </message>
        <message>
            <source>{id}: no system prompt{extra}</source>
            <translation>{id}: kein Systemprompt{extra}</translation>
        </message>
    </context>
    <context>
        <name>PromptEditActions</name>
        <message>
            <source>Nothing to save: this is version {number} of {name}.</source>
            <translation>Nichts zu speichern: Dies ist Version {number} von {name}.</translation>
        </message>
        <message>
            <source>Saved version {number} of {name}.</source>
            <translation>Version {number} von {name} gespeichert.</translation>
        </message>
        <message>
            <source>New prompt</source>
            <translation>Neuer Prompt</translation>
        </message>
        <message>
            <source>Save as new prompt</source>
            <translation>Als neuen Prompt speichern</translation>
        </message>
        <message>
            <source>Name of the new prompt:</source>
            <translation>Name des neuen Prompts:</translation>
        </message>
        <message>
            <source>Saved as “{name}”, version 1, in the prompt library.</source>
            <translation>Als „{name}“, Version 1, in der Prompt-Bibliothek gespeichert.</translation>
        </message>
        <message>
            <source>There is no unsaved edit to compare.</source>
            <translation>Es gibt keine ungespeicherte Änderung zum Vergleichen.</translation>
        </message>
        <message>
            <source>Nothing was sent: the edited prompt could not be saved as a version ({rstrip}). Pick “This chat's own prompt” to send the text without the library.</source>
            <translation>Nichts gesendet: Der bearbeitete Prompt konnte nicht als Version gespeichert werden ({rstrip}). Wählen Sie „Eigener Prompt dieses Chats“, um den Text ohne die Bibliothek zu senden.</translation>
        </message>
        <message>
            <source>The edit was saved as version {number} when it was sent.</source>
            <translation>Die Änderung wurde beim Senden als Version {number} gespeichert.</translation>
        </message>
        <message>
            <source>Your edit of {name} in the chat you left was kept as version {number}.</source>
            <translation>Ihre Änderung an {name} im verlassenen Chat wurde als Version {number} aufbewahrt.</translation>
        </message>
        <message>
            <source>{value} (edit)</source>
            <translation>{value} (bearbeitet)</translation>
        </message>
        <message>
            <source>Your edit of {name} in the chat you left could not be saved: {join}</source>
            <translation>Ihre Änderung an {name} im verlassenen Chat konnte nicht gespeichert werden: {join}</translation>
        </message>
        <message>
            <source>Your edit of {name} in the chat you left could not be added to it ({rstrip}), so it was kept as a new prompt, “{kept_as}”.</source>
            <translation>Ihre Änderung an {name} im verlassenen Chat konnte dort nicht hinzugefügt werden ({rstrip}); sie wurde als neuer Prompt „{kept_as}“ aufbewahrt.</translation>
        </message>
    </context>
    <context>
        <name>PromptFiles</name>
        <message>
            <source> (imported {n})</source>
            <translation> (importiert {n})</translation>
        </message>
        <message>
            <source>“{name}” has no versions.</source>
            <translation>„{name}“ hat keine Versionen.</translation>
        </message>
        <message>
            <source>The versions of “{name}” are not in order.</source>
            <translation>Die Versionen von „{name}“ sind nicht in der richtigen Reihenfolge.</translation>
        </message>
        <message>
            <source>“{name}” has a version numbered above {MAX_VERSION_NUMBER:,}.</source>
            <translation>„{name}“ hat eine Version mit einer Nummer über {MAX_VERSION_NUMBER:,}.</translation>
        </message>
        <message>
            <source>The label “{label}” of “{name}” is not usable.</source>
            <translation>Das Label „{label}“ von „{name}“ ist nicht verwendbar.</translation>
        </message>
    </context>
    <context>
        <name>PromptPicker</name>
        <message>
            <source>System prompt from the library</source>
            <translation>Systemprompt aus der Bibliothek</translation>
        </message>
        <message>
            <source>Which prompt this chat uses: its own text, a library prompt (its newest version) or a label of one, which follows the label when it moves (Ctrl+Shift+P). The arrow keys show another; Enter or a click uses it.</source>
            <translation>Welchen Prompt dieser Chat verwendet: seinen eigenen Text, einen Prompt aus der Bibliothek (dessen neueste Version) oder ein Label davon, das dem Label folgt, wenn es verschoben wird (Strg+Umschalt+P). Die Pfeiltasten zeigen einen anderen; Eingabetaste oder Klick verwendet ihn.</translation>
        </message>
        <message>
            <source>Library…</source>
            <translation>Bibliothek…</translation>
        </message>
        <message>
            <source>Prompt library</source>
            <translation>Prompt-Bibliothek</translation>
        </message>
        <message>
            <source>Open the prompt library (Ctrl+Shift+L)</source>
            <translation>Die Prompt-Bibliothek öffnen (Strg+Umschalt+L)</translation>
        </message>
        <message>
            <source>Set by your organization</source>
            <translation>Von Ihrer Organisation festgelegt</translation>
        </message>
    </context>
    <context>
        <name>PromptSaveBar</name>
        <message>
            <source>System prompt state</source>
            <translation>Zustand des Systemprompts</translation>
        </message>
        <message>
            <source>System prompt notice</source>
            <translation>Hinweis zum Systemprompt</translation>
        </message>
        <message>
            <source>Note for the new version</source>
            <translation>Notiz zur neuen Version</translation>
        </message>
        <message>
            <source>Note for this version (optional)</source>
            <translation>Notiz zu dieser Version (optional)</translation>
        </message>
        <message>
            <source>Why this version: kept with it, shown in the library (Enter saves)</source>
            <translation>Warum diese Version: wird mit ihr aufbewahrt und in der Bibliothek gezeigt (Eingabetaste speichert)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Speichern</translation>
        </message>
        <message>
            <source>Save version</source>
            <translation>Version speichern</translation>
        </message>
        <message>
            <source>Save the edit as a new version of this prompt (Ctrl+S)</source>
            <translation>Die Änderung als neue Version dieses Prompts speichern (Strg+S)</translation>
        </message>
        <message>
            <source>Co&amp;mpare</source>
            <translation>Ver&amp;gleichen</translation>
        </message>
        <message>
            <source>Show what changed since the saved version (Ctrl+D)</source>
            <translation>Zeigen, was sich seit der gespeicherten Version geändert hat (Strg+D)</translation>
        </message>
        <message>
            <source>Disc&amp;ard</source>
            <translation>Ver&amp;werfen</translation>
        </message>
        <message>
            <source>Go back to the saved version's text</source>
            <translation>Zum Text der gespeicherten Version zurückkehren</translation>
        </message>
        <message>
            <source>Save as &amp;new prompt…</source>
            <translation>Als &amp;neuen Prompt speichern…</translation>
        </message>
        <message>
            <source>Keep this text in the prompt library, with versions</source>
            <translation>Diesen Text mit Versionen in der Prompt-Bibliothek aufbewahren</translation>
        </message>
    </context>
    <context>
        <name>PromptState</name>
        <message>
            <source>Saved automatically when sending</source>
            <extracomment>Why a version was saved without Ctrl+S: (the note alone, the words after a typed note).</extracomment>
            <translation>Beim Senden automatisch gespeichert</translation>
        </message>
        <message>
            <source>saved when sending</source>
            <translation>beim Senden gespeichert</translation>
        </message>
        <message>
            <source>Saved automatically when another prompt was picked</source>
            <translation>Automatisch gespeichert, als ein anderer Prompt gewählt wurde</translation>
        </message>
        <message>
            <source>saved when another prompt was picked</source>
            <translation>gespeichert, als ein anderer Prompt gewählt wurde</translation>
        </message>
        <message>
            <source>Saved automatically when the chat was left</source>
            <translation>Automatisch gespeichert, als der Chat verlassen wurde</translation>
        </message>
        <message>
            <source>saved when the chat was left</source>
            <translation>gespeichert, als der Chat verlassen wurde</translation>
        </message>
        <message>
            <source>restore it in the library (Ctrl+Shift+L, Trash) to save versions</source>
            <translation>stellen Sie ihn in der Bibliothek wieder her (Strg+Umschalt+L, Papierkorb), um Versionen zu speichern</translation>
        </message>
        <message>
            <source>{problem_text} This chat keeps the text it has.</source>
            <translation>{problem_text} Dieser Chat behält seinen Text.</translation>
        </message>
        <message>
            <source>version {number}</source>
            <translation>Version {number}</translation>
        </message>
        <message>
            <source> of {latest}</source>
            <translation> von {latest}</translation>
        </message>
        <message>
            <source>This chat's own prompt (not in the library).</source>
            <translation>Eigener Prompt dieses Chats (nicht in der Bibliothek).</translation>
        </message>
        <message>
            <source>“Save as new prompt…” keeps it in the library with versions.</source>
            <translation>„Als neuen Prompt speichern…“ bewahrt ihn mit Versionen in der Bibliothek auf.</translation>
        </message>
        <message>
            <source>This prompt is not in the library any more.</source>
            <translation>Dieser Prompt ist nicht mehr in der Bibliothek.</translation>
        </message>
        <message>
            <source>edited, not saved</source>
            <translation>bearbeitet, nicht gespeichert</translation>
        </message>
        <message>
            <source>{name} · {what} — in the library's trash: {TRASH_HELP}.</source>
            <translation>{name} · {what} — im Papierkorb der Bibliothek: {TRASH_HELP}.</translation>
        </message>
        <message>
            <source>A prompt in the trash can still be read and sent; saving a version needs it back.</source>
            <translation>Ein Prompt im Papierkorb kann weiter gelesen und gesendet werden; um eine Version zu speichern, muss er zurückgeholt werden.</translation>
        </message>
        <message>
            <source>{name} — edited, not saved (Ctrl+S saves version {value})</source>
            <translation>{name} — bearbeitet, nicht gespeichert (Strg+S speichert Version {value})</translation>
        </message>
        <message>
            <source>Based on version {number}. Sending saves the edit as a version too.</source>
            <translation>Basiert auf Version {number}. Beim Senden wird die Änderung ebenfalls als Version gespeichert.</translation>
        </message>
        <message>
            <source>{name} · follows “{label}”, now version {number}{newest}</source>
            <translation>{name} · folgt „{label}“, jetzt Version {number}{newest}</translation>
        </message>
        <message>
            <source>This chat follows the label: when it moves, the next message uses where it points.</source>
            <translation>Dieser Chat folgt dem Label: Wird es verschoben, verwendet die nächste Nachricht die Version, auf die es zeigt.</translation>
        </message>
        <message>
            <source>Saved {saved}. </source>
            <translation>Gespeichert {saved}. </translation>
        </message>
        <message>
            <source>This chat's own prompt</source>
            <translation>Eigener Prompt dieses Chats</translation>
        </message>
        <message>
            <source>Free text, kept with this chat only</source>
            <translation>Freier Text, nur mit diesem Chat aufbewahrt</translation>
        </message>
        <message>
            <source>Browse the library… (Ctrl+Shift+L)</source>
            <translation>Bibliothek durchsuchen… (Strg+Umschalt+L)</translation>
        </message>
        <message>
            <source>All prompts, searchable</source>
            <translation>Alle Prompts, durchsuchbar</translation>
        </message>
        <message>
            <source>A prompt no longer in the library</source>
            <translation>Ein Prompt, der nicht mehr in der Bibliothek ist</translation>
        </message>
        <message>
            <source>The chat keeps its text</source>
            <translation>Der Chat behält seinen Text</translation>
        </message>
        <message numerus="yes">
            <source>%n version(s)</source>
            <translation>
                <numerusform>%n Version</numerusform>
                <numerusform>%n Versionen</numerusform>
            </translation>
        </message>
        <message>
            <source>; labels: {labels}</source>
            <translation>; Labels: {labels}</translation>
        </message>
    </context>
    <context>
        <name>ReplyCompare</name>
        <message>
            <source>the model differs</source>
            <extracomment>Parameters named in the sentence at most; more are counted.</extracomment>
            <translation>das Modell ist anders</translation>
        </message>
        <message>
            <source>the messages differ</source>
            <translation>die Nachrichten sind anders</translation>
        </message>
        <message>
            <source>the prompt differs</source>
            <translation>der Prompt ist anders</translation>
        </message>
        <message>
            <source>they were sent to different addresses</source>
            <translation>sie wurden an verschiedene Adressen gesendet</translation>
        </message>
        <message>
            <source>the content is the same, written differently</source>
            <translation>der Inhalt ist derselbe, nur anders geschrieben</translation>
        </message>
    </context>
    <context>
        <name>ReplyDetailsDialog</name>
        <message>
            <source>Reply details</source>
            <translation>Antwortdetails</translation>
        </message>
        <message>
            <source>Where this reply came from</source>
            <translation>Woher diese Antwort stammt</translation>
        </message>
        <message>
            <source>Request body</source>
            <translation>Anfragetext</translation>
        </message>
        <message>
            <source>The exact request this reply answered, as it was sent</source>
            <translation>Die genaue Anfrage, auf die diese Antwort antwortete, so wie sie gesendet wurde</translation>
        </message>
        <message>
            <source>The endpoint's token is masked in this body, so these are not the exact bytes sent. {note}</source>
            <translation>Das Token des Endpunkts ist in diesem Anfragetext maskiert; es sind also nicht die genau gesendeten Bytes. {note}</translation>
        </message>
        <message>
            <source>The request body could not be read.</source>
            <translation>Der Anfragetext konnte nicht gelesen werden.</translation>
        </message>
        <message>
            <source>The request was not recorded for this reply.</source>
            <translation>Die Anfrage wurde für diese Antwort nicht aufgezeichnet.</translation>
        </message>
        <message>
            <source>&amp;Copy exact body</source>
            <translation>Exakten Anfragetext &amp;kopieren</translation>
        </message>
        <message>
            <source>Copy the request body exactly as it was sent (not indented), to send it with another tool</source>
            <translation>Den Anfragetext genau so kopieren, wie er gesendet wurde (nicht eingerückt), um ihn mit einem anderen Werkzeug zu senden</translation>
        </message>
        <message>
            <source>&amp;Replay</source>
            <translation>&amp;Wiederholen</translation>
        </message>
        <message>
            <source>Send this exact request again to the same endpoint: the answer becomes a new version of this reply</source>
            <translation>Genau diese Anfrage erneut an denselben Endpunkt senden: Die Antwort wird zu einer neuen Version dieser Antwort</translation>
        </message>
        <message>
            <source>Only a reply made by one recorded request can be replayed</source>
            <translation>Nur eine Antwort aus einer einzigen aufgezeichneten Anfrage kann wiederholt werden</translation>
        </message>
        <message>
            <source>The exact request body was copied.</source>
            <translation>Der exakte Anfragetext wurde kopiert.</translation>
        </message>
        <message>
            <source>The request body is not text; it was copied as base64.</source>
            <translation>Der Anfragetext ist kein Text; er wurde als Base64 kopiert.</translation>
        </message>
    </context>
    <context>
        <name>ReplyFooter</name>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>Regenerate</source>
            <translation>Neu erzeugen</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>Bearbeiten</translation>
        </message>
        <message>
            <source>Open endpoint settings</source>
            <translation>Endpunkt-Einstellungen öffnen</translation>
        </message>
        <message>
            <source>Start a new chat</source>
            <translation>Neuen Chat beginnen</translation>
        </message>
        <message>
            <source>Replay</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Compare replies…</source>
            <translation>Antworten vergleichen…</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Retry</source>
            <extracomment>(which, of how many) versions of a message; (1, 1) when it has no others. What draws the line under a finished reply (Simple mode has its own, with plain words).</extracomment>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>{value:.2f} s to first token</source>
            <translation>{value:.2f} s bis zum ersten Token</translation>
        </message>
        <message>
            <source>{tokens_per_s:.0f} tokens/s</source>
            <translation>{tokens_per_s:.0f} Tokens/s</translation>
        </message>
        <message>
            <source>{prompt_tokens} in · {completion_tokens} out</source>
            <translation>{prompt_tokens} rein · {completion_tokens} raus</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>fertig</translation>
        </message>
        <message>
            <source>cut by max_tokens</source>
            <translation>durch max_tokens abgeschnitten</translation>
        </message>
        <message>
            <source>&lt;p style="margin-top:6px; color:{muted};"&gt;Stopped. The text so far is kept.&lt;/p&gt;</source>
            <translation>&lt;p style="margin-top:6px; color:{muted};"&gt;Angehalten. Der bisherige Text bleibt erhalten.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>&lt;p style="margin-top:6px; color:{warning};"&gt;This reply reached the max_tokens limit and was cut off.&lt;/p&gt;</source>
            <translation>&lt;p style="margin-top:6px; color:{warning};"&gt;Diese Antwort hat die Grenze max_tokens erreicht und wurde abgeschnitten.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>ReplyTools</name>
        <message>
            <source>Reply details</source>
            <translation>Antwortdetails</translation>
        </message>
        <message>
            <source> (version {which} of {count})</source>
            <translation> (Version {which} von {count})</translation>
        </message>
        <message>
            <source>This reply has no other version to compare it with.</source>
            <translation>Diese Antwort hat keine andere Version, mit der sie verglichen werden könnte.</translation>
        </message>
        <message>
            <source>version {which} of this reply</source>
            <translation>Version {which} dieser Antwort</translation>
        </message>
        <message>
            <source>another reply</source>
            <translation>eine andere Antwort</translation>
        </message>
        <message>
            <source>That reply's chat is no longer open: open it to replay it.</source>
            <translation>Der Chat dieser Antwort ist nicht mehr geöffnet: Öffnen Sie ihn, um sie zu wiederholen.</translation>
        </message>
    </context>
    <context>
        <name>RequestComparison</name>
        <message>
            <source>The requests of {first} and {second} were not recorded (LlamaDesk did not keep requests then), so whether the seed and body were identical is not known.</source>
            <extracomment>Only the hashes could be compared: a body's bytes were not at hand (not kept, or unreadable), so its seed and parameters are not known.</extracomment>
            <translation>Die Anfragen von {first} und {second} wurden nicht aufgezeichnet (LlamaDesk hat Anfragen damals nicht aufbewahrt); ob Seed und Anfragetext gleich waren, ist daher nicht bekannt.</translation>
        </message>
        <message>
            <source>The request of {whose} was not recorded (LlamaDesk did not keep requests then), so whether the seed and body were identical is not known.</source>
            <translation>Die Anfrage von {whose} wurde nicht aufgezeichnet (LlamaDesk hat Anfragen damals nicht aufbewahrt); ob Seed und Anfragetext gleich waren, ist daher nicht bekannt.</translation>
        </message>
        <message>
            <source>Identical request body (the same SHA-256); any difference between the replies comes from the server.</source>
            <translation>Identischer Anfragetext (dieselbe SHA-256-Summe); jeder Unterschied zwischen den Antworten kommt vom Server.</translation>
        </message>
        <message>
            <source>The request bodies differ (their SHA-256 differ); what differs is not known, because a body was not kept.</source>
            <translation>Die Anfragetexte unterscheiden sich (ihre SHA-256-Summen sind verschieden); was sich unterscheidet, ist nicht bekannt, weil ein Anfragetext nicht aufbewahrt wurde.</translation>
        </message>
        <message>
            <source>Same seed ({seed_a})</source>
            <translation>Gleicher Seed ({seed_a})</translation>
        </message>
        <message>
            <source>No seed was sent</source>
            <translation>Es wurde kein Seed gesendet</translation>
        </message>
        <message>
            <source>; any difference between the replies comes from the server.</source>
            <translation>; jeder Unterschied zwischen den Antworten kommt vom Server.</translation>
        </message>
        <message>
            <source>; the server chose its own randomness each time.</source>
            <translation>; der Server hat jedes Mal seinen eigenen Zufall gewählt.</translation>
        </message>
        <message>
            <source>{seed} and identical request body{tail}</source>
            <translation>{seed} und identischer Anfragetext{tail}</translation>
        </message>
        <message>
            <source>Different seed ({shown} → {shown2})</source>
            <translation>Anderer Seed ({shown} → {shown2})</translation>
        </message>
        <message>
            <source>{value} more parameters</source>
            <translation>{value} weitere Parameter</translation>
        </message>
        <message>
            <source>; parameters that differ: </source>
            <translation>; abweichende Parameter: </translation>
        </message>
        <message>
            <source>{seed}, but the request bodies differ{differs}{others}.</source>
            <translation>{seed}, aber die Anfragetexte unterscheiden sich{differs}{others}.</translation>
        </message>
    </context>
    <context>
        <name>ResultsController</name>
        <message>
            <source>running</source>
            <extracomment>How a run's state reads in the run list.</extracomment>
            <translation>läuft</translation>
        </message>
        <message>
            <source>interrupted</source>
            <translation>unterbrochen</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>fertig</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>abgebrochen</translation>
        </message>
        <message>
            <source>Run {id}</source>
            <translation>Lauf {id}</translation>
        </message>
        <message>
            <source>{done} of {total}</source>
            <translation>{done} von {total}</translation>
        </message>
        <message>
            <source>The runs of this set could not be read</source>
            <translation>Die Läufe dieses Testsets konnten nicht gelesen werden</translation>
        </message>
        <message>
            <source>That run could not be read</source>
            <translation>Dieser Lauf konnte nicht gelesen werden</translation>
        </message>
        <message>
            <source>What changed since run {previous}: cells that flipped pass/fail, answers that changed</source>
            <translation>Was sich seit Lauf {previous} geändert hat: Zellen, die zwischen bestanden und nicht bestanden gewechselt sind, und geänderte Antworten</translation>
        </message>
        <message>
            <source>This is the set's first run: run it again to see what changed</source>
            <translation>Dies ist der erste Lauf des Testsets: Führen Sie es erneut aus, um Änderungen zu sehen</translation>
        </message>
        <message>
            <source>Test sets live in the chat history, which is not open: nothing sent.</source>
            <translation>Testsets liegen im Chatverlauf, der nicht geöffnet ist: nichts gesendet.</translation>
        </message>
        <message>
            <source>A run is going: wait for it, or cancel it (Esc), then run again.</source>
            <translation>Ein Lauf ist im Gang: Warten Sie darauf oder brechen Sie ihn ab (Esc), dann starten Sie erneut.</translation>
        </message>
        <message>
            <source>Add at least one case and one prompt, then run.</source>
            <translation>Fügen Sie mindestens einen Fall und einen Prompt hinzu, dann starten Sie.</translation>
        </message>
        <message>
            <source>Nothing was sent: {exc}</source>
            <translation>Nichts gesendet: {exc}</translation>
        </message>
        <message>
            <source>Nothing was sent: {why}</source>
            <translation>Nichts gesendet: {why}</translation>
        </message>
        <message>
            <source>The run could not be stored, so nothing was sent</source>
            <translation>Der Lauf konnte nicht gespeichert werden, daher wurde nichts gesendet</translation>
        </message>
        <message>
            <source>That run was not resumed: {why}</source>
            <translation>Dieser Lauf wurde nicht fortgesetzt: {why}</translation>
        </message>
        <message>
            <source>That run could not be resumed</source>
            <translation>Dieser Lauf konnte nicht fortgesetzt werden</translation>
        </message>
        <message>
            <source>The previous run could not be read</source>
            <translation>Der vorige Lauf konnte nicht gelesen werden</translation>
        </message>
        <message>
            <source>This is the first run of this set: there is nothing to compare with.</source>
            <translation>Dies ist der erste Lauf dieses Testsets: Es gibt nichts zum Vergleichen.</translation>
        </message>
        <message>
            <source>run {previous}</source>
            <translation>Lauf {previous}</translation>
        </message>
        <message>
            <source>The run stopped: {why} Resume asks what is left.</source>
            <translation>Der Lauf wurde beendet: {why} „Fortsetzen“ fragt, was noch fehlt.</translation>
        </message>
        <message>
            <source>Run cancelled; finished cells are kept. Resume asks the rest.</source>
            <translation>Lauf abgebrochen; fertige Zellen bleiben erhalten. „Fortsetzen“ fragt den Rest.</translation>
        </message>
        <message>
            <source>&lt;p&gt;Select a cell to see its answers and grade it.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Wählen Sie eine Zelle, um ihre Antworten zu sehen und sie zu bewerten.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>The grade could not be saved</source>
            <translation>Die Bewertung konnte nicht gespeichert werden</translation>
        </message>
    </context>
    <context>
        <name>ResultsGridModel</name>
        <message>
            <source>waiting (0 of {repeat})</source>
            <extracomment>How often gathered results reach the view: about one frame.</extracomment>
            <translation>wartet (0 von {repeat})</translation>
        </message>
        <message>
            <source>not asked</source>
            <translation>nicht gefragt</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Zusammenfassung</translation>
        </message>
    </context>
    <context>
        <name>ResultsView</name>
        <message>
            <source>{done} of {total}</source>
            <extracomment>A grid cell's size: three lines of text, wide enough for a sentence.</extracomment>
            <translation>{done} von {total}</translation>
        </message>
        <message>
            <source>{text} · about {round} min left</source>
            <translation>{text} · noch etwa {round} min</translation>
        </message>
        <message>
            <source>{text} · about {max} s left</source>
            <translation>{text} · noch etwa {max} s</translation>
        </message>
        <message>
            <source>Runs of this set</source>
            <translation>Läufe dieses Testsets</translation>
        </message>
        <message>
            <source>Which run of this test set the grid shows, newest first</source>
            <translation>Welchen Lauf dieses Testsets das Raster zeigt, neueste zuerst</translation>
        </message>
        <message>
            <source>Run progress</source>
            <translation>Fortschritt des Laufs</translation>
        </message>
        <message>
            <source>&amp;Cancel run</source>
            <translation>Lauf &amp;abbrechen</translation>
        </message>
        <message>
            <source>Stop asking; finished cells are kept (Esc)</source>
            <translation>Nicht weiter fragen; fertige Zellen bleiben erhalten (Esc)</translation>
        </message>
        <message>
            <source>Re&amp;sume</source>
            <translation>&amp;Fortsetzen</translation>
        </message>
        <message>
            <source>Ask what this run has not finished yet, and the requests that failed, again</source>
            <translation>Erneut fragen, was dieser Lauf noch nicht erledigt hat, und die fehlgeschlagenen Anfragen</translation>
        </message>
        <message>
            <source>C&amp;hanges since previous run…</source>
            <translation>Än&amp;derungen seit dem vorigen Lauf…</translation>
        </message>
        <message>
            <source>Run notice</source>
            <translation>Hinweis zum Lauf</translation>
        </message>
        <message>
            <source>Results grid</source>
            <translation>Ergebnisraster</translation>
        </message>
        <message>
            <source>One row per case, one column per prompt; Enter shows a cell's answer</source>
            <translation>Eine Zeile pro Fall, eine Spalte pro Prompt; die Eingabetaste zeigt die Antwort einer Zelle</translation>
        </message>
        <message>
            <source>Run:</source>
            <translation>Lauf:</translation>
        </message>
    </context>
    <context>
        <name>RunController</name>
        <message>
            <source>Its answers could not be stored</source>
            <translation>Seine Antworten konnten nicht gespeichert werden</translation>
        </message>
        <message>
            <source>How the run ended could not be stored</source>
            <translation>Wie der Lauf endete, konnte nicht gespeichert werden</translation>
        </message>
        <message>
            <source>the server's default model</source>
            <translation>das Standardmodell des Servers</translation>
        </message>
    </context>
    <context>
        <name>SearchBox</name>
        <message>
            <source>Clear the search</source>
            <translation>Suche leeren</translation>
        </message>
    </context>
    <context>
        <name>SearchResultsModel</name>
        <message>
            <source>New conversation</source>
            <extracomment>Marks around the matched words: control characters that never occur in typed text.</extracomment>
            <translation>Neue Unterhaltung</translation>
        </message>
    </context>
    <context>
        <name>SeedNote</name>
        <message>
            <source>{names} reproduced the same answer for seed {seed}.</source>
            <translation>{names} lieferten für Seed {seed} dieselbe Antwort.</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <source>a reply is still streaming</source>
            <extracomment>Builds the backend for a chat's settings (its endpoint); BackendUnavailable says why not. The endpoint a chat's settings send to, as its replies' provenance names it. (kept ChatSettings, names): the policy kept these values a change asked for; after settings_changed, so a view has shown the kept values by then. The administrator's policy: every session this controller shows is held to it, so no way of bringing a chat in (new, from history, a preset, a compare) gets round it.</extracomment>
            <translation>eine Antwort wird noch gestreamt</translation>
        </message>
        <message>
            <source>{message} Retrying in {delay_s:.0f} s…</source>
            <translation>{message} Neuer Versuch in {delay_s:.0f} s…</translation>
        </message>
        <message>
            <source>Something went wrong inside LlamaDesk while this reply arrived ({name__}). The text so far is kept; Retry asks again.</source>
            <translation>In LlamaDesk ist beim Empfang dieser Antwort etwas schiefgegangen ({name__}). Der bisherige Text bleibt erhalten; „Erneut versuchen“ fragt noch einmal.</translation>
        </message>
    </context>
    <context>
        <name>SetEditorView</name>
        <message>
            <source>Cases</source>
            <translation>Fälle</translation>
        </message>
        <message>
            <source>One row per case: its input, variables and checks. F2 edits a cell.</source>
            <translation>Eine Zeile pro Fall: Eingabe, Variablen und Prüfungen. F2 bearbeitet eine Zelle.</translation>
        </message>
        <message>
            <source>Type a case's input and press Enter to add it</source>
            <translation>Geben Sie die Eingabe eines Falls ein und drücken Sie die Eingabetaste, um ihn hinzuzufügen</translation>
        </message>
        <message>
            <source>New case input</source>
            <translation>Eingabe für neuen Fall</translation>
        </message>
        <message>
            <source>Prompts to run</source>
            <translation>Auszuführende Prompts</translation>
        </message>
        <message>
            <source>Each prompt runs on every case; double-click or Enter edits one</source>
            <translation>Jeder Prompt läuft mit jedem Fall; Doppelklick oder Eingabetaste bearbeitet einen</translation>
        </message>
        <message>
            <source>Repeats</source>
            <translation>Wiederholungen</translation>
        </message>
        <message>
            <source>How many times each case is asked with each prompt</source>
            <translation>Wie oft jeder Fall mit jedem Prompt gefragt wird</translation>
        </message>
        <message>
            <source>Concurrency</source>
            <translation>Parallelität</translation>
        </message>
        <message>
            <source>How many requests are in flight at once</source>
            <translation>Wie viele Anfragen gleichzeitig unterwegs sind</translation>
        </message>
        <message>
            <source>&amp;Run</source>
            <translation>&amp;Ausführen</translation>
        </message>
        <message>
            <source>Ask every case with every prompt (Ctrl+R)</source>
            <translation>Jeden Fall mit jedem Prompt fragen (Strg+R)</translation>
        </message>
        <message>
            <source>Paste &amp;lines</source>
            <translation>&amp;Zeilen einfügen</translation>
        </message>
        <message>
            <source>One case per line</source>
            <translation>Ein Fall pro Zeile</translation>
        </message>
        <message>
            <source>&amp;Import…</source>
            <translation>&amp;Importieren…</translation>
        </message>
        <message>
            <source>CSV, JSON or YAML</source>
            <translation>CSV, JSON oder YAML</translation>
        </message>
        <message>
            <source>Chec&amp;ks…</source>
            <translation>&amp;Prüfungen…</translation>
        </message>
        <message>
            <source>The selected case's checks</source>
            <translation>Die Prüfungen des gewählten Falls</translation>
        </message>
        <message>
            <source>Varia&amp;ble…</source>
            <translation>Varia&amp;ble…</translation>
        </message>
        <message>
            <source>A column of values per case</source>
            <translation>Eine Spalte mit Werten pro Fall</translation>
        </message>
        <message>
            <source>Remo&amp;ve cases</source>
            <translation>Fälle ent&amp;fernen</translation>
        </message>
        <message>
            <source>Remove the selected cases</source>
            <translation>Die gewählten Fälle entfernen</translation>
        </message>
        <message>
            <source>E&amp;xport YAML…</source>
            <translation>YAML e&amp;xportieren…</translation>
        </message>
        <message>
            <source>The file `llamadesk eval` reads</source>
            <translation>Die Datei, die `llamadesk eval` liest</translation>
        </message>
        <message>
            <source>Export &amp;JSON…</source>
            <translation>&amp;JSON exportieren…</translation>
        </message>
        <message>
            <source>The same, as JSON</source>
            <translation>Dasselbe als JSON</translation>
        </message>
        <message>
            <source>&amp;Add prompt…</source>
            <translation>Prompt &amp;hinzufügen…</translation>
        </message>
        <message>
            <source>A library prompt, a preset or text</source>
            <translation>Ein Prompt aus der Bibliothek, eine Vorlage oder Text</translation>
        </message>
        <message>
            <source>Edit promp&amp;t…</source>
            <translation>Promp&amp;t bearbeiten…</translation>
        </message>
        <message>
            <source>Remove pro&amp;mpt</source>
            <translation>Pro&amp;mpt entfernen</translation>
        </message>
        <message>
            <source>Change the selected prompt to run</source>
            <translation>Den gewählten auszuführenden Prompt ändern</translation>
        </message>
        <message>
            <source>Run the set without the selected prompt</source>
            <translation>Das Testset ohne den gewählten Prompt ausführen</translation>
        </message>
        <message>
            <source>Re&amp;peat:</source>
            <translation>&amp;Wiederholungen:</translation>
        </message>
        <message>
            <source>Concurrenc&amp;y:</source>
            <translation>Paralle&amp;lität:</translation>
        </message>
    </context>
    <context>
        <name>SettingsBinding</name>
        <message>
            <source>New chats will start with this system prompt, these parameters and this endpoint.</source>
            <translation>Neue Chats beginnen mit diesem Systemprompt, diesen Parametern und diesem Endpunkt.</translation>
        </message>
        <message>
            <source>Same as your defaults for new chats.</source>
            <translation>Wie Ihre Vorgaben für neue Chats.</translation>
        </message>
        <message>
            <source>Differs from your defaults for new chats.</source>
            <translation>Weicht von Ihren Vorgaben für neue Chats ab.</translation>
        </message>
    </context>
    <context>
        <name>SettingsStore</name>
        <message>
            <source>could not be read ({reason})</source>
            <extracomment>Settings hold a few profiles (a few KB); anything far larger is not a settings file.</extracomment>
            <translation>konnte nicht gelesen werden ({reason})</translation>
        </message>
        <message>
            <source>could not be read ({value})</source>
            <translation>konnte nicht gelesen werden ({value})</translation>
        </message>
        <message>
            <source>is damaged (it may have been cut short or edited by hand)</source>
            <translation>ist beschädigt (sie wurde vielleicht abgeschnitten oder von Hand bearbeitet)</translation>
        </message>
        <message>
            <source>does not contain settings</source>
            <translation>enthält keine Einstellungen</translation>
        </message>
        <message>
            <source>These settings were saved by a newer LlamaDesk (settings version {version}); this version uses what it understands and keeps the rest.</source>
            <translation>Diese Einstellungen wurden von einer neueren LlamaDesk-Version gespeichert (Einstellungsversion {version}); diese Version verwendet, was sie versteht, und behält den Rest.</translation>
        </message>
        <message>
            <source>Settings not saved: </source>
            <translation>Einstellungen nicht gespeichert: </translation>
        </message>
        <message>
            <source>Settings not saved: {path} could not be read or moved aside, and LlamaDesk does not write over a file it could not keep a copy of.</source>
            <translation>Einstellungen nicht gespeichert: {path} konnte weder gelesen noch beiseitegelegt werden, und LlamaDesk überschreibt keine Datei, von der es keine Kopie behalten konnte.</translation>
        </message>
        <message>
            <source>Settings could not be saved to {path}: {value}.</source>
            <translation>Die Einstellungen konnten nicht in {path} gespeichert werden: {value}.</translation>
        </message>
        <message>
            <source>The settings file {path} {reason} and could not be moved aside. LlamaDesk started with default settings and will not save over it.</source>
            <translation>Die Einstellungsdatei {path} {reason} und konnte nicht beiseitegelegt werden. LlamaDesk wurde mit Standardeinstellungen gestartet und wird sie nicht überschreiben.</translation>
        </message>
        <message>
            <source>The settings file {reason}. It was kept as {aside} and LlamaDesk started with default settings.</source>
            <translation>Die Einstellungsdatei {reason}. Sie wurde als {aside} aufbewahrt, und LlamaDesk wurde mit Standardeinstellungen gestartet.</translation>
        </message>
    </context>
    <context>
        <name>SideBySideDiffView</name>
        <message>
            <source>&lt;b&gt;{escape}&lt;/b&gt;</source>
            <translation>&lt;b&gt;{escape}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>{old_name}, removed words struck through</source>
            <translation>{old_name}, entfernte Wörter durchgestrichen</translation>
        </message>
        <message>
            <source>{new_name}, added words underlined</source>
            <translation>{new_name}, hinzugefügte Wörter unterstrichen</translation>
        </message>
    </context>
    <context>
        <name>SidebarActionsController</name>
        <message>
            <source>&amp;Rename…</source>
            <translation>&amp;Umbenennen…</translation>
        </message>
        <message>
            <source>&amp;Pin</source>
            <translation>&amp;Anheften</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>&amp;Undo delete</source>
            <translation>Löschen &amp;rückgängig</translation>
        </message>
        <message>
            <source>The conversation could not be renamed. ({exc})</source>
            <translation>Die Unterhaltung konnte nicht umbenannt werden. ({exc})</translation>
        </message>
        <message>
            <source>Un&amp;pin</source>
            <translation>&amp;Lösen</translation>
        </message>
        <message>
            <source>Conversation actions</source>
            <translation>Aktionen für die Unterhaltung</translation>
        </message>
        <message>
            <source>The conversation could not be pinned. ({exc})</source>
            <translation>Die Unterhaltung konnte nicht angeheftet werden. ({exc})</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it before deleting this conversation.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie an, bevor Sie diese Unterhaltung löschen.</translation>
        </message>
        <message>
            <source>The conversation could not be deleted. ({exc})</source>
            <translation>Die Unterhaltung konnte nicht gelöscht werden. ({exc})</translation>
        </message>
        <message>
            <source>Deleted “{value}”. Undo (Ctrl+Z)</source>
            <translation>„{value}“ gelöscht. Rückgängig mit Strg+Z</translation>
        </message>
        <message>
            <source>The conversation could not be restored. ({exc})</source>
            <translation>Die Unterhaltung konnte nicht wiederhergestellt werden. ({exc})</translation>
        </message>
        <message>
            <source>Restored “{value}”.</source>
            <translation>„{value}“ wiederhergestellt.</translation>
        </message>
    </context>
    <context>
        <name>SimpleErrors</name>
        <message>
            <source>Your key was not accepted. Choose “Enter your key again” below and paste the key your IT team gave you.</source>
            <translation>Ihr Schlüssel wurde nicht angenommen. Wählen Sie unten „Schlüssel erneut eingeben“ und fügen Sie den Schlüssel ein, den Ihr IT-Team Ihnen gegeben hat.</translation>
        </message>
        <message>
            <source>LlamaDesk could not sign in to the assistant. Your IT team needs to fix this on this computer.</source>
            <translation>LlamaDesk konnte sich nicht beim Assistenten anmelden. Ihr IT-Team muss das auf diesem Computer beheben.</translation>
        </message>
        <message>
            <source>LlamaDesk needs your key first. Choose “Enter your key again” below and paste the key your IT team gave you.</source>
            <translation>LlamaDesk braucht zuerst Ihren Schlüssel. Wählen Sie unten „Schlüssel erneut eingeben“ und fügen Sie den Schlüssel ein, den Ihr IT-Team Ihnen gegeben hat.</translation>
        </message>
        <message>
            <source>LlamaDesk is not completely set up on this computer. Ask your IT team to finish the set-up.</source>
            <translation>LlamaDesk ist auf diesem Computer nicht vollständig eingerichtet. Bitten Sie Ihr IT-Team, die Einrichtung abzuschließen.</translation>
        </message>
        <message>
            <source>The assistant is not set up correctly on this computer, so it cannot answer. Your IT team needs to fix this.</source>
            <translation>Der Assistent ist auf diesem Computer nicht richtig eingerichtet und kann daher nicht antworten. Ihr IT-Team muss das beheben.</translation>
        </message>
        <message>
            <source>The assistant cannot do this. Ask your question again as a new message.</source>
            <translation>Das kann der Assistent nicht. Stellen Sie Ihre Frage noch einmal als neue Nachricht.</translation>
        </message>
        <message>
            <source>The assistant has answered as much as it may for today. Try again tomorrow.</source>
            <translation>Der Assistent hat für heute so viel geantwortet, wie er darf. Versuchen Sie es morgen erneut.</translation>
        </message>
        <message>
            <source>The assistant is busy right now. Wait a minute, then choose Try again.</source>
            <translation>Der Assistent ist gerade ausgelastet. Warten Sie eine Minute und wählen Sie dann „Erneut versuchen“.</translation>
        </message>
        <message>
            <source>The assistant could not take this message. Change the message, then try again.</source>
            <translation>Der Assistent konnte diese Nachricht nicht annehmen. Ändern Sie die Nachricht und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>Your message is too long. Shorten it, or start a new chat and send it there.</source>
            <translation>Ihre Nachricht ist zu lang. Kürzen Sie sie oder beginnen Sie einen neuen Chat und senden Sie sie dort.</translation>
        </message>
        <message>
            <source>This chat has grown too long for the assistant. Start a new chat to go on.</source>
            <translation>Dieser Chat ist für den Assistenten zu lang geworden. Beginnen Sie einen neuen Chat, um weiterzumachen.</translation>
        </message>
        <message>
            <source>The assistant had a problem on its side. Try again in a minute.</source>
            <translation>Der Assistent hatte ein Problem auf seiner Seite. Versuchen Sie es in einer Minute erneut.</translation>
        </message>
        <message>
            <source>LlamaDesk cannot reach the assistant. Check that this computer is connected to the network, then try again.</source>
            <translation>LlamaDesk erreicht den Assistenten nicht. Prüfen Sie, ob dieser Computer mit dem Netzwerk verbunden ist, und versuchen Sie es dann erneut.</translation>
        </message>
        <message>
            <source>The assistant took too long to answer. Try again.</source>
            <translation>Der Assistent hat zu lange für die Antwort gebraucht. Versuchen Sie es erneut.</translation>
        </message>
        <message>
            <source>The answer was cut off before it was complete. What arrived is kept; try again.</source>
            <translation>Die Antwort wurde abgeschnitten, bevor sie vollständig war. Was angekommen ist, bleibt erhalten; versuchen Sie es erneut.</translation>
        </message>
    </context>
    <context>
        <name>SimpleFooter</name>
        <message>
            <source>Stopped. The text so far is kept.</source>
            <translation>Angehalten. Der bisherige Text bleibt erhalten.</translation>
        </message>
        <message>
            <source>This answer was cut short.</source>
            <translation>Diese Antwort wurde gekürzt.</translation>
        </message>
        <message>
            <source>Enter your key again</source>
            <translation>Schlüssel erneut eingeben</translation>
        </message>
        <message>
            <source>Start a new chat</source>
            <translation>Neuen Chat beginnen</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>Ask again</source>
            <translation>Erneut fragen</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Kopieren</translation>
        </message>
    </context>
    <context>
        <name>SimpleKeyPage</name>
        <message>
            <source>Your key</source>
            <translation>Ihr Schlüssel</translation>
        </message>
        <message>
            <source>&amp;Paste the key your IT team gave you</source>
            <translation>&amp;Fügen Sie den Schlüssel ein, den Ihr IT-Team Ihnen gegeben hat</translation>
        </message>
        <message>
            <source>You do this once: LlamaDesk keeps the key safely on this computer.</source>
            <translation>Das machen Sie nur einmal: LlamaDesk bewahrt den Schlüssel sicher auf diesem Computer auf.</translation>
        </message>
        <message>
            <source>Paste the key your IT team gave you</source>
            <translation>Fügen Sie den Schlüssel ein, den Ihr IT-Team Ihnen gegeben hat</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>This does not look like the key: paste it again, exactly as you got it.</source>
            <translation>Das sieht nicht nach dem Schlüssel aus: Fügen Sie ihn noch einmal ein, genau so, wie Sie ihn erhalten haben.</translation>
        </message>
        <message>
            <source>LlamaDesk could not keep the key safely on this computer, so it was not kept. Ask your IT team to set up this computer's password store.</source>
            <translation>LlamaDesk konnte den Schlüssel auf diesem Computer nicht sicher aufbewahren, daher wurde er nicht gespeichert. Bitten Sie Ihr IT-Team, den Passwortspeicher dieses Computers einzurichten.</translation>
        </message>
        <message>
            <source>That did not work. Try again.</source>
            <translation>Das hat nicht geklappt. Versuchen Sie es erneut.</translation>
        </message>
    </context>
    <context>
        <name>SimpleMode</name>
        <message>
            <source>Side-by-side comparisons open when Simple mode is off.</source>
            <translation>Vergleiche nebeneinander öffnen sich, wenn der einfache Modus aus ist.</translation>
        </message>
        <message>
            <source>S&amp;imple mode</source>
            <translation>E&amp;infacher Modus</translation>
        </message>
        <message>
            <source>Only the chat and your tasks; no technical settings</source>
            <translation>Nur der Chat und Ihre Aufgaben; keine technischen Einstellungen</translation>
        </message>
        <message>
            <source>&amp;Chat</source>
            <translation>&amp;Chat</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;New chat</source>
            <translation>&amp;Neuer Chat</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>Focus &amp;message</source>
            <translation>Fokus auf &amp;Nachricht</translation>
        </message>
        <message>
            <source>&amp;What do you want to do?</source>
            <translation>&amp;Was möchten Sie tun?</translation>
        </message>
        <message>
            <source>&amp;Larger text</source>
            <translation>Text ver&amp;größern</translation>
        </message>
        <message>
            <source>&amp;Smaller text</source>
            <translation>Text ver&amp;kleinern</translation>
        </message>
        <message>
            <source>&amp;Reset text size</source>
            <translation>Textgröße &amp;zurücksetzen</translation>
        </message>
        <message>
            <source>Pick what you want to do on the right, or just type your question below and press Enter.</source>
            <translation>Wählen Sie rechts, was Sie tun möchten, oder schreiben Sie Ihre Frage einfach unten hinein und drücken Sie die Eingabetaste.</translation>
        </message>
        <message>
            <source>This message is too long for this chat</source>
            <translation>Diese Nachricht ist zu lang für diesen Chat</translation>
        </message>
        <message>
            <source>This chat and your message together are more than the assistant can read.</source>
            <translation>Dieser Chat und Ihre Nachricht zusammen sind mehr, als der Assistent lesen kann.</translation>
        </message>
        <message>
            <source>Start a new chat with this message, or make the message shorter.</source>
            <translation>Beginnen Sie mit dieser Nachricht einen neuen Chat oder kürzen Sie die Nachricht.</translation>
        </message>
        <message>
            <source>The assistant will most likely not answer it, or only briefly</source>
            <translation>Der Assistent wird sie wahrscheinlich nicht oder nur kurz beantworten</translation>
        </message>
        <message>
            <source>A few details first</source>
            <translation>Zuerst ein paar Angaben</translation>
        </message>
        <message>
            <source>Fill these in; the assistant uses them for this chat.</source>
            <translation>Füllen Sie diese aus; der Assistent verwendet sie für diesen Chat.</translation>
        </message>
    </context>
    <context>
        <name>SimpleStatus</name>
        <message>
            <source>Waiting for the answer… {seconds} s (Esc stops)</source>
            <extracomment>Words a staff member should never have to read (the jargon walk test checks the screen).</extracomment>
            <translation>Warte auf die Antwort… {seconds} s (Esc hält an)</translation>
        </message>
        <message>
            <source>The assistant is busy. Trying again in {seconds} s… (Esc stops)</source>
            <translation>Der Assistent ist ausgelastet. Neuer Versuch in {seconds} s… (Esc hält an)</translation>
        </message>
        <message>
            <source>Wait for the answer to finish, or press Esc to stop it first.</source>
            <translation>Warten Sie, bis die Antwort fertig ist, oder halten Sie sie zuerst mit Esc an.</translation>
        </message>
        <message>
            <source>That did not work. Try again, or start a new chat.</source>
            <translation>Das hat nicht geklappt. Versuchen Sie es erneut oder beginnen Sie einen neuen Chat.</translation>
        </message>
    </context>
    <context>
        <name>SimpleTasks</name>
        <message>
            <source>Chat freely</source>
            <extracomment>The library lists at most this many in Simple mode (a longer list is not a simple choice).</extracomment>
            <translation>Frei chatten</translation>
        </message>
        <message>
            <source>Ask anything, with no set task.</source>
            <translation>Fragen Sie, was Sie möchten, ohne feste Aufgabe.</translation>
        </message>
        <message>
            <source>Wait for the answer to finish, or press Esc to stop it first.</source>
            <translation>Warten Sie, bis die Antwort fertig ist, oder halten Sie sie zuerst mit Esc an.</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>&amp;New chat</source>
            <translation>&amp;Neuer Chat</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>Neuer Chat</translation>
        </message>
        <message>
            <source>Start an empty chat ({shortcut})</source>
            <translation>Einen leeren Chat beginnen ({shortcut})</translation>
        </message>
        <message>
            <source>&amp;What do you want to do?</source>
            <translation>&amp;Was möchten Sie tun?</translation>
        </message>
        <message>
            <source>What do you want to do?</source>
            <translation>Was möchten Sie tun?</translation>
        </message>
        <message>
            <source>Pick a task; the chat then works on it. Enter or a click picks one.</source>
            <translation>Wählen Sie eine Aufgabe; der Chat arbeitet dann daran. Eingabetaste oder Klick wählt eine aus.</translation>
        </message>
        <message>
            <source>About this task</source>
            <translation>Über diese Aufgabe</translation>
        </message>
    </context>
    <context>
        <name>StoreWords</name>
        <message>
            <source>{what}: the history is not written to any more. {message}</source>
            <extracomment>What an EvalStore call can raise: the history turned read-only after a failed check (HistoryUnavailable), SQLite, the disk, a row that is gone, a stored row that cannot be read.</extracomment>
            <translation>{what}: In den Verlauf wird nicht mehr geschrieben. {message}</translation>
        </message>
        <message>
            <source>{what}: it no longer exists; it may have been removed in another window.</source>
            <translation>{what}: existiert nicht mehr; vielleicht wurde es in einem anderen Fenster entfernt.</translation>
        </message>
        <message>
            <source>the history file {path}</source>
            <translation>die Verlaufsdatei {path}</translation>
        </message>
        <message>
            <source>the history file</source>
            <translation>die Verlaufsdatei</translation>
        </message>
        <message>
            <source>{what}: it was not in a form LlamaDesk can read ({exc}).</source>
            <translation>{what}: lag nicht in einer Form vor, die LlamaDesk lesen kann ({exc}).</translation>
        </message>
    </context>
    <context>
        <name>TestSetFiles</name>
        <message>
            <source>{name} is larger than {value} MB; split the test set</source>
            <translation>{name} ist größer als {value} MB; teilen Sie das Testset auf</translation>
        </message>
        <message>
            <source>cannot read {name}: {reason}</source>
            <translation>{name} kann nicht gelesen werden: {reason}</translation>
        </message>
        <message>
            <source>it cannot be read</source>
            <translation>sie kann nicht gelesen werden</translation>
        </message>
        <message>
            <source>{name} is not UTF-8 text; save it as UTF-8</source>
            <translation>{name} ist kein UTF-8-Text; speichern Sie die Datei als UTF-8</translation>
        </message>
    </context>
    <context>
        <name>TestSetsController</name>
        <message>
            <source>Untitled test set</source>
            <translation>Unbenanntes Testset</translation>
        </message>
        <message>
            <source>Type the first case (or paste or import cases): the set is saved with it.</source>
            <translation>Geben Sie den ersten Fall ein (oder fügen Sie Fälle ein oder importieren Sie sie): Damit wird das Testset gespeichert.</translation>
        </message>
        <message>
            <source>A test set needs a name: it was not renamed.</source>
            <translation>Ein Testset braucht einen Namen: Es wurde nicht umbenannt.</translation>
        </message>
        <message>
            <source>Test set deleted. Undo (Ctrl+Z) brings it back.</source>
            <translation>Testset gelöscht. Strg+Z holt es zurück.</translation>
        </message>
        <message>
            <source>A test set keeps at least one case and one prompt: add another before removing the last one.</source>
            <translation>Ein Testset behält mindestens einen Fall und einen Prompt: Fügen Sie einen weiteren hinzu, bevor Sie den letzten entfernen.</translation>
        </message>
        <message>
            <source>Test set “{name}” saved; every change is saved as you make it.</source>
            <translation>Testset „{name}“ gespeichert; jede Änderung wird sofort gespeichert.</translation>
        </message>
        <message>
            <source>: nothing was saved.</source>
            <translation>: Es wurde nichts gespeichert.</translation>
        </message>
        <message>
            <source>Test sets live in the chat history, which is not open{end}</source>
            <translation>Testsets liegen im Chatverlauf, der nicht geöffnet ist{end}</translation>
        </message>
        <message>
            <source>The test set could not be saved</source>
            <translation>Das Testset konnte nicht gespeichert werden</translation>
        </message>
        <message>
            <source>The test sets could not be read</source>
            <translation>Die Testsets konnten nicht gelesen werden</translation>
        </message>
    </context>
    <context>
        <name>TestSetsWindow</name>
        <message>
            <source>Test sets</source>
            <translation>Testsets</translation>
        </message>
        <message>
            <source>Your test sets; the tabs beside show the selected one</source>
            <translation>Ihre Testsets; die Reiter daneben zeigen das gewählte</translation>
        </message>
        <message>
            <source>Ne&amp;w</source>
            <translation>&amp;Neu</translation>
        </message>
        <message>
            <source>A new, empty test set (Ctrl+N)</source>
            <translation>Ein neues, leeres Testset (Strg+N)</translation>
        </message>
        <message>
            <source>R&amp;ename…</source>
            <translation>&amp;Umbenennen…</translation>
        </message>
        <message>
            <source>Rename the selected set (F2 in the list)</source>
            <translation>Das gewählte Testset umbenennen (F2 in der Liste)</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Löschen</translation>
        </message>
        <message>
            <source>Delete the selected set; Undo brings it back</source>
            <translation>Das gewählte Testset löschen; „Rückgängig“ holt es zurück</translation>
        </message>
        <message>
            <source>U&amp;ndo delete</source>
            <translation>Löschen &amp;rückgängig</translation>
        </message>
        <message>
            <source>Bring the last deleted set back (Ctrl+Z)</source>
            <translation>Das zuletzt gelöschte Testset zurückholen (Strg+Z)</translation>
        </message>
        <message>
            <source>Cases and pr&amp;ompts</source>
            <translation>Fälle und Pr&amp;ompts</translation>
        </message>
        <message>
            <source>Res&amp;ults</source>
            <translation>Er&amp;gebnisse</translation>
        </message>
        <message>
            <source>Test sets status</source>
            <translation>Status der Testsets</translation>
        </message>
    </context>
    <context>
        <name>ThemeMenu</name>
        <message>
            <source>T&amp;heme</source>
            <translation>&amp;Farbschema</translation>
        </message>
        <message>
            <source>&amp;System</source>
            <translation>&amp;System</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>&amp;Hell</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>&amp;Dunkel</translation>
        </message>
        <message>
            <source>&amp;High contrast</source>
            <translation>Hoher &amp;Kontrast</translation>
        </message>
    </context>
    <context>
        <name>TokenFile</name>
        <message>
            <source>{problem} Nothing was sent.</source>
            <extracomment>A token is a few hundred bytes at most; a larger file is not a token file.</extracomment>
            <translation>{problem} Es wurde nichts gesendet.</translation>
        </message>
    </context>
    <context>
        <name>TokenSourceChooser</name>
        <message>
            <source>Keep the token</source>
            <translation>Token aufbewahren</translation>
        </message>
        <message>
            <source>In the OS keyring</source>
            <translation>Im Schlüsselbund des Systems</translation>
        </message>
        <message>
            <source>Keep the token in the OS keyring</source>
            <translation>Das Token im Schlüsselbund des Systems aufbewahren</translation>
        </message>
        <message>
            <source>Saved encrypted by your operating system; never written to the settings file</source>
            <translation>Von Ihrem Betriebssystem verschlüsselt gespeichert; nie in die Einstellungsdatei geschrieben</translation>
        </message>
        <message>
            <source>Read it from the environment variable</source>
            <translation>Aus der Umgebungsvariablen lesen</translation>
        </message>
        <message>
            <source>Read the token from an environment variable</source>
            <translation>Das Token aus einer Umgebungsvariablen lesen</translation>
        </message>
        <message>
            <source>LlamaDesk reads the variable each time it starts; nothing is saved</source>
            <translation>LlamaDesk liest die Variable bei jedem Start; es wird nichts gespeichert</translation>
        </message>
        <message>
            <source>Environment variable name</source>
            <translation>Name der Umgebungsvariablen</translation>
        </message>
        <message>
            <source>The variable that holds the token, e.g. CLOUDFLARE_API_TOKEN</source>
            <translation>Die Variable, die das Token enthält, z. B. CLOUDFLARE_API_TOKEN</translation>
        </message>
        <message>
            <source>For this session only</source>
            <translation>Nur für diese Sitzung</translation>
        </message>
        <message>
            <source>Keep the token for this session only</source>
            <translation>Das Token nur für diese Sitzung aufbewahren</translation>
        </message>
        <message>
            <source>Kept in memory until LlamaDesk quits; you enter it again next time</source>
            <translation>Bis zum Beenden von LlamaDesk im Arbeitsspeicher gehalten; beim nächsten Mal geben Sie es erneut ein</translation>
        </message>
        <message>
            <source>No key: the server needs none</source>
            <translation>Kein Schlüssel: Der Server braucht keinen</translation>
        </message>
        <message>
            <source>No API key</source>
            <translation>Kein API-Schlüssel</translation>
        </message>
        <message>
            <source>Send no Authorization header (most local servers)</source>
            <translation>Keinen Authorization-Header senden (die meisten lokalen Server)</translation>
        </message>
        <message>
            <source>Why the keyring cannot be used</source>
            <translation>Warum der Schlüsselbund nicht verwendet werden kann</translation>
        </message>
        <message>
            <source>none found on this system</source>
            <translation>auf diesem System keiner gefunden</translation>
        </message>
        <message>
            <source>In the OS keyring ({where})</source>
            <translation>Im Schlüsselbund des Systems ({where})</translation>
        </message>
    </context>
    <context>
        <name>TokenStorage</name>
        <message>
            <source>No key is sent</source>
            <translation>Es wird kein Schlüssel gesendet</translation>
        </message>
        <message>
            <source>Read from a file your organization manages</source>
            <translation>Aus einer Datei gelesen, die Ihre Organisation verwaltet</translation>
        </message>
        <message>
            <source>set</source>
            <translation>gesetzt</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>nicht gesetzt</translation>
        </message>
        <message>
            <source>Read from the environment variable {name} (currently {state})</source>
            <translation>Aus der Umgebungsvariablen {name} gelesen (derzeit {state})</translation>
        </message>
        <message>
            <source>Kept for this session only; type to replace it</source>
            <translation>Nur für diese Sitzung aufbewahrt; zum Ersetzen neu eingeben</translation>
        </message>
        <message>
            <source>Saved in {description}; type to replace it</source>
            <translation>Gespeichert ({description}); zum Ersetzen neu eingeben</translation>
        </message>
    </context>
    <context>
        <name>Urls</name>
        <message>
            <source>it contains spaces</source>
            <translation>sie enthält Leerzeichen</translation>
        </message>
        <message>
            <source>it contains control characters</source>
            <translation>sie enthält Steuerzeichen</translation>
        </message>
        <message>
            <source>it is not a valid web address</source>
            <translation>sie ist keine gültige Webadresse</translation>
        </message>
        <message>
            <source>it contains a user name or password (the part before @); remove it, and enter a key as the API token instead</source>
            <translation>sie enthält einen Benutzernamen oder ein Passwort (den Teil vor @); entfernen Sie ihn und geben Sie einen Schlüssel stattdessen als API-Token ein</translation>
        </message>
        <message>
            <source>its port number is not valid (use 1 to 65535)</source>
            <translation>ihre Portnummer ist ungültig (verwenden Sie 1 bis 65535)</translation>
        </message>
        <message>
            <source>it must start with http:// or https://</source>
            <translation>sie muss mit http:// oder https:// beginnen</translation>
        </message>
        <message>
            <source>it has no server name or IP address</source>
            <translation>sie hat keinen Servernamen und keine IP-Adresse</translation>
        </message>
        <message>
            <source>its server name is not plain ASCII (use its xn-- form)</source>
            <translation>ihr Servername ist kein reines ASCII (verwenden Sie seine xn---Form)</translation>
        </message>
    </context>
    <context>
        <name>VariableProblem</name>
        <message>
            <source>is not a known variable</source>
            <translation>ist keine bekannte Variable</translation>
        </message>
        <message>
            <source>are not known variables</source>
            <translation>sind keine bekannten Variablen</translation>
        </message>
        <message>
            <source>The system prompt uses {names}, which {verb}: declare it (Variables…), or write a backslash before it (\{{{{…}}}}) to send the braces as they are.</source>
            <translation>Der Systemprompt verwendet {names}, was {verb}: Legen Sie die Variable fest (Variablen…) oder schreiben Sie einen Backslash davor (\{{{{…}}}}), um die Klammern unverändert zu senden.</translation>
        </message>
        <message>
            <source>{names} is too long for a variable name (at most {MAX_NAME_CHARS} characters): shorten it, or write a backslash before it (\{{{{…}}}}) to send the braces as they are.</source>
            <translation>{names} ist zu lang für einen Variablennamen (höchstens {MAX_NAME_CHARS} Zeichen): Kürzen Sie ihn oder schreiben Sie einen Backslash davor (\{{{{…}}}}), um die Klammern unverändert zu senden.</translation>
        </message>
        <message>
            <source>The system prompt needs a value for {names}.</source>
            <translation>Der Systemprompt braucht einen Wert für {names}.</translation>
        </message>
        <message>
            <source>({value} more values do not fit.)</source>
            <translation>({value} weitere Werte passen nicht.)</translation>
        </message>
    </context>
    <context>
        <name>VariableSpec</name>
        <message>
            <source>“{clip}” cannot be a variable name: use letters, digits and _ (at most {MAX_NAME_CHARS}).</source>
            <translation>„{clip}“ kann kein Variablenname sein: Verwenden Sie Buchstaben, Ziffern und _ (höchstens {MAX_NAME_CHARS}).</translation>
        </message>
        <message>
            <source>{braces} is built in; choose another name.</source>
            <translation>{braces} ist eingebaut; wählen Sie einen anderen Namen.</translation>
        </message>
        <message>
            <source>The label of {braces} must be one line of at most {MAX_LABEL_CHARS} characters.</source>
            <translation>Die Bezeichnung von {braces} muss eine Zeile mit höchstens {MAX_LABEL_CHARS} Zeichen sein.</translation>
        </message>
        <message>
            <source>The help of {braces} must be one line of at most {MAX_HELP_CHARS:,} characters.</source>
            <translation>Die Hilfe zu {braces} muss eine Zeile mit höchstens {MAX_HELP_CHARS:,} Zeichen sein.</translation>
        </message>
        <message>
            <source>Its default</source>
            <translation>Ihre Vorgabe</translation>
        </message>
        <message>
            <source>{braces} is a choice but has no options.</source>
            <translation>{braces} ist eine Auswahl, hat aber keine Optionen.</translation>
        </message>
        <message>
            <source>{braces} has more than {MAX_OPTIONS} options.</source>
            <translation>{braces} hat mehr als {MAX_OPTIONS} Optionen.</translation>
        </message>
        <message>
            <source>Each option of {braces} must be one line of 1 to {MAX_OPTION_CHARS:,} characters (got “{clip}”).</source>
            <translation>Jede Option von {braces} muss eine Zeile mit 1 bis {MAX_OPTION_CHARS:,} Zeichen sein (erhalten: „{clip}“).</translation>
        </message>
        <message>
            <source>{braces} lists an option twice.</source>
            <translation>{braces} nennt eine Option zweimal.</translation>
        </message>
        <message>
            <source>The value</source>
            <translation>Der Wert</translation>
        </message>
        <message>
            <source>{what} of {shown_label} is longer than {MAX_VALUE_CHARS:,} characters.</source>
            <translation>{what} von {shown_label} ist länger als {MAX_VALUE_CHARS:,} Zeichen.</translation>
        </message>
        <message>
            <source>{what} of {shown_label} must be a number (got “{clip}”).</source>
            <translation>{what} von {shown_label} muss eine Zahl sein (erhalten: „{clip}“).</translation>
        </message>
        <message>
            <source>{what} of {shown_label} must be a finite number.</source>
            <translation>{what} von {shown_label} muss eine endliche Zahl sein.</translation>
        </message>
        <message>
            <source>{what} of {shown_label} must be one of: {join}.</source>
            <translation>{what} von {shown_label} muss eins der folgenden sein: {join}.</translation>
        </message>
        <message>
            <source>{what} of {shown_label} must be one line.</source>
            <translation>{what} von {shown_label} muss eine Zeile sein.</translation>
        </message>
    </context>
    <context>
        <name>VariableStatus</name>
        <message>
            <source> and {value} more</source>
            <translation> und {value} weitere</translation>
        </message>
        <message>
            <source>{braced}: built in. {BUILTIN_HELP}.</source>
            <translation>{braced}: eingebaut. {BUILTIN_HELP}.</translation>
        </message>
        <message>
            <source>this chat's value: “{clip}”</source>
            <translation>Wert in diesem Chat: „{clip}“</translation>
        </message>
        <message>
            <source>asked before the next message is sent</source>
            <translation>wird vor dem Senden der nächsten Nachricht abgefragt</translation>
        </message>
        <message>
            <source>{braced}: not declared.</source>
            <translation>{braced}: nicht festgelegt.</translation>
        </message>
        <message>
            <source>…and {value} more.</source>
            <translation>…und {value} weitere.</translation>
        </message>
        <message>
            <source>Variables: {shown}{more}</source>
            <translation>Variablen: {shown}{more}</translation>
        </message>
        <message>
            <source>{name} is not declared: Declare it, or write \{name} to send the braces.</source>
            <translation>{name} ist nicht festgelegt: Legen Sie die Variable fest oder schreiben Sie \{name}, um die Klammern zu senden.</translation>
        </message>
        <message>
            <source>{shown}{more} are not declared: Declare them, or write a backslash before each to send the braces.</source>
            <translation>{shown}{more} sind nicht festgelegt: Legen Sie sie fest oder schreiben Sie jeweils einen Backslash davor, um die Klammern zu senden.</translation>
        </message>
        <message>
            <source>Variables in the system prompt</source>
            <translation>Variablen im Systemprompt</translation>
        </message>
        <message>
            <source>Declare</source>
            <translation>Festlegen</translation>
        </message>
        <message>
            <source>Declare the unknown variables (you choose their types)</source>
            <translation>Die unbekannten Variablen festlegen (Sie wählen ihre Typen)</translation>
        </message>
        <message>
            <source>Declare the unknown variables</source>
            <translation>Die unbekannten Variablen festlegen</translation>
        </message>
    </context>
    <context>
        <name>VariableTypes</name>
        <message>
            <source>text</source>
            <extracomment>The line names this many variables; the tooltip explains at most this many.</extracomment>
            <translation>Text</translation>
        </message>
        <message>
            <source>long text</source>
            <translation>langer Text</translation>
        </message>
        <message>
            <source>choice</source>
            <translation>Auswahl</translation>
        </message>
        <message>
            <source>number</source>
            <translation>Zahl</translation>
        </message>
    </context>
    <context>
        <name>Variables</name>
        <message>
            <source>Today's date, e.g. 2026-11-30</source>
            <extracomment>A text filled in never grows past this (a short text can use one long value many times). Filled in by LlamaDesk at send time; never asked for.</extracomment>
            <translation>Das heutige Datum, z. B. 2026-11-30</translation>
        </message>
        <message>
            <source>The time of sending, e.g. 14:05</source>
            <translation>Die Uhrzeit beim Senden, z. B. 14:05</translation>
        </message>
        <message>
            <source>Today's weekday, e.g. Monday</source>
            <translation>Der heutige Wochentag, z. B. Montag</translation>
        </message>
        <message>
            <source>Your name, as set in Settings (or your login name)</source>
            <translation>Ihr Name, wie in den Einstellungen festgelegt (oder Ihr Anmeldename)</translation>
        </message>
        <message>
            <source>{shown} and {rest} more</source>
            <translation>{shown} und {rest} weitere</translation>
        </message>
        <message>
            <source>A chat can declare at most {MAX_VARIABLES} variables.</source>
            <translation>Ein Chat kann höchstens {MAX_VARIABLES} Variablen festlegen.</translation>
        </message>
        <message>
            <source>{braced} is declared twice.</source>
            <translation>{braced} ist doppelt festgelegt.</translation>
        </message>
        <message>
            <source>Filled in, the text would be {length:,} characters long (at most {MAX_FILLED_CHARS:,}): use shorter values, or each variable fewer times.</source>
            <extracomment>Every variable the prompt used, once, in order of first use, with the value it got (the chat's, else the default; a built-in's at that moment).</extracomment>
            <translation>Ausgefüllt wäre der Text {length:,} Zeichen lang (höchstens {MAX_FILLED_CHARS:,}): Verwenden Sie kürzere Werte oder jede Variable seltener.</translation>
        </message>
    </context>
    <context>
        <name>VariablesController</name>
        <message>
            <source>Send</source>
            <extracomment>Typing pauses this long before the status line reads the prompt again. (title, intro) of the fill-in form; None: the usual words (Simple mode sets its own).</extracomment>
            <translation>Senden</translation>
        </message>
        <message>
            <source>This chat's system prompt uses no declared variables: declare them with Variables… (under the system prompt), then write {{name}} in the prompt.</source>
            <translation>Der Systemprompt dieses Chats verwendet keine festgelegten Variablen: Legen Sie sie mit „Variablen…“ (unter dem Systemprompt) fest und schreiben Sie dann {{name}} in den Prompt.</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
    </context>
    <context>
        <name>VariablesDialog</name>
        <message>
            <source>Variables</source>
            <translation>Variablen</translation>
        </message>
        <message>
            <source>Your name must be one line of at most {MAX_USER_NAME_CHARS} characters.</source>
            <translation>Ihr Name muss eine Zeile mit höchstens {MAX_USER_NAME_CHARS} Zeichen sein.</translation>
        </message>
        <message>
            <source>Declared variables</source>
            <translation>Festgelegte Variablen</translation>
        </message>
        <message>
            <source>The variables this chat declares; the fields beside edit the selected one.</source>
            <translation>Die Variablen, die dieser Chat festlegt; die Felder daneben bearbeiten die gewählte.</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Hinzufügen</translation>
        </message>
        <message>
            <source>Declare a new variable (Ctrl+N)</source>
            <translation>Eine neue Variable festlegen (Strg+N)</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Entfernen</translation>
        </message>
        <message>
            <source>Remove the selected declaration (Delete in the list)</source>
            <translation>Die gewählte Festlegung entfernen (Entf in der Liste)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Used as {{name}}: letters, digits, _</source>
            <translation>Verwendet als {{name}}: Buchstaben, Ziffern, _</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>What the fill-in form asks for: text, long text, a number, a choice…</source>
            <translation>Was das Formular abfragt: Text, langen Text, eine Zahl, eine Auswahl…</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Bezeichnung</translation>
        </message>
        <message>
            <source>What the form asks, e.g. Audience</source>
            <translation>Was das Formular fragt, z. B. Zielgruppe</translation>
        </message>
        <message>
            <source>Default</source>
            <translation>Vorgabe</translation>
        </message>
        <message>
            <source>Prefilled in the form</source>
            <translation>Im Formular vorausgefüllt</translation>
        </message>
        <message>
            <source>Prefilled in the form; Tab moves on</source>
            <translation>Im Formular vorausgefüllt; Tab geht weiter</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Hilfe</translation>
        </message>
        <message>
            <source>A line shown under the field</source>
            <translation>Eine Zeile unter dem Feld</translation>
        </message>
        <message>
            <source>Options, one per line</source>
            <translation>Optionen, eine pro Zeile</translation>
        </message>
        <message>
            <source>The choices the form offers, one per line; Tab moves on</source>
            <translation>Die Auswahlmöglichkeiten, die das Formular anbietet, eine pro Zeile; Tab geht weiter</translation>
        </message>
        <message>
            <source>One option per line</source>
            <translation>Eine Option pro Zeile</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Name</translation>
        </message>
        <message>
            <source>&amp;Type</source>
            <translation>&amp;Typ</translation>
        </message>
        <message>
            <source>&amp;Label</source>
            <translation>&amp;Bezeichnung</translation>
        </message>
        <message>
            <source>&amp;Default</source>
            <translation>&amp;Vorgabe</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>H&amp;ilfe</translation>
        </message>
        <message>
            <source>&amp;Options,
one a line</source>
            <translation>&amp;Optionen,
eine pro Zeile</translation>
        </message>
        <message>
            <source>Your name for {{user_name}}</source>
            <translation>Ihr Name für {{user_name}}</translation>
        </message>
        <message>
            <source>your name</source>
            <translation>Ihr Name</translation>
        </message>
        <message>
            <source>What {{user_name}} says in every chat; empty: your login name</source>
            <translation>Was {{user_name}} in jedem Chat einsetzt; leer: Ihr Anmeldename</translation>
        </message>
        <message>
            <source>Write {{name}} in the system prompt to use a variable, \{{name}} to send the braces as they are. Built in: </source>
            <translation>Schreiben Sie {{name}} in den Systemprompt, um eine Variable zu verwenden, \{{name}}, um die Klammern unverändert zu senden. Eingebaut: </translation>
        </message>
        <message>
            <source>Your name for {{&amp;user_name}}</source>
            <translation>Ihr Name für {{&amp;user_name}}</translation>
        </message>
        <message>
            <source>This is the most a chat can declare ({MAX_VARIABLES}).</source>
            <translation>Mehr kann ein Chat nicht festlegen ({MAX_VARIABLES}).</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(ohne Namen)</translation>
        </message>
    </context>
    <context>
        <name>VerdictView</name>
        <message>
            <source>Working</source>
            <translation>In Arbeit</translation>
        </message>
        <message>
            <source>Waiting for the server</source>
            <translation>Warte auf den Server</translation>
        </message>
        <message>
            <source>Connection result</source>
            <translation>Ergebnis der Verbindung</translation>
        </message>
    </context>
    <context>
        <name>VersionTableModel</name>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>Gespeichert</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Notiz</translation>
        </message>
        <message>
            <source>Labels</source>
            <translation>Labels</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to LlamaDesk</source>
            <translation>Willkommen bei LlamaDesk</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>Jetzt nicht</translation>
        </message>
        <message>
            <source>Close the welcome; add an endpoint later with Endpoints… (Esc)</source>
            <translation>Den Willkommensdialog schließen; einen Endpunkt später über „Endpunkte…“ hinzufügen (Esc)</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>&amp;Zurück</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Zurück</translation>
        </message>
        <message>
            <source>Go back to the previous step</source>
            <translation>Zum vorigen Schritt zurückgehen</translation>
        </message>
        <message>
            <source>Test and &amp;continue</source>
            <translation>Testen und &amp;weiter</translation>
        </message>
        <message>
            <source>Test and continue</source>
            <translation>Testen und weiter</translation>
        </message>
        <message>
            <source>Check these values with a one-token request</source>
            <translation>Diese Werte mit einer Anfrage von einem Token prüfen</translation>
        </message>
        <message>
            <source>Try &amp;again</source>
            <translation>&amp;Erneut versuchen</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Erneut versuchen</translation>
        </message>
        <message>
            <source>Test the connection again</source>
            <translation>Die Verbindung erneut testen</translation>
        </message>
        <message>
            <source>&amp;Start chatting</source>
            <translation>&amp;Loslegen</translation>
        </message>
        <message>
            <source>Start chatting</source>
            <translation>Loslegen</translation>
        </message>
        <message>
            <source>Save this endpoint and open the chat</source>
            <translation>Diesen Endpunkt speichern und den Chat öffnen</translation>
        </message>
        <message>
            <source>The token will be saved in {description}, never in a file.</source>
            <translation>Das Token wird hier gespeichert: {description} – nie in einer Datei.</translation>
        </message>
        <message>
            <source>Local server</source>
            <translation>Lokaler Server</translation>
        </message>
        <message>
            <source>Cloudflare Workers AI</source>
            <translation>Cloudflare Workers AI</translation>
        </message>
        <message>
            <source>Paste your API token (see where to create one above).</source>
            <translation>Fügen Sie Ihr API-Token ein (wo Sie eines erstellen, steht oben).</translation>
        </message>
        <message>
            <source>Testing the connection</source>
            <translation>Verbindung wird getestet</translation>
        </message>
        <message>
            <source>Sending a one-word test message…</source>
            <translation>Eine Testnachricht aus einem Wort wird gesendet…</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Bereit</translation>
        </message>
        <message>
            <source>That did not work yet</source>
            <translation>Das hat noch nicht geklappt</translation>
        </message>
        <message>
            <source>{exc} Go back and choose another way.</source>
            <translation>{exc} Gehen Sie zurück und wählen Sie einen anderen Weg.</translation>
        </message>
        <message>
            <source>Something went wrong inside LlamaDesk ({name__}).</source>
            <translation>In LlamaDesk ist etwas schiefgegangen ({name__}).</translation>
        </message>
        <message>
            <source>Cloudflare Workers AI, account {account_id}</source>
            <translation>Cloudflare Workers AI, Konto {account_id}</translation>
        </message>
        <message>
            <source>The server at {base_url}</source>
            <translation>Der Server unter {base_url}</translation>
        </message>
    </context>
    <context>
        <name>WindowController</name>
        <message>
            <source>(raw prompt)</source>
            <extracomment>The administrator's policy; every chat this window shows is held to it.</extracomment>
            <translation>(roher Prompt)</translation>
        </message>
        <message>
            <source>A reply is still streaming: stop it first.</source>
            <translation>Eine Antwort wird noch gestreamt: Halten Sie sie zuerst an.</translation>
        </message>
        <message>
            <source>There is no reply in this chat yet.</source>
            <translation>In diesem Chat gibt es noch keine Antwort.</translation>
        </message>
        <message>
            <source>Editing your message: Enter sends it as a new version and the old one is kept (‹ › switches between them). Esc cancels.</source>
            <translation>Sie bearbeiten Ihre Nachricht: Die Eingabetaste sendet sie als neue Version, die alte bleibt erhalten (‹ › schaltet zwischen ihnen um). Esc bricht ab.</translation>
        </message>
    </context>
    <context>
        <name>WindowMenus</name>
        <message>
            <source>&amp;Chat</source>
            <translation>&amp;Chat</translation>
        </message>
        <message>
            <source>&amp;Prompt</source>
            <translation>&amp;Prompt</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
        <message>
            <source>&amp;New chat</source>
            <translation>&amp;Neuer Chat</translation>
        </message>
        <message>
            <source>&amp;Stop reply</source>
            <translation>Antwort &amp;anhalten</translation>
        </message>
        <message>
            <source>&amp;Endpoints…</source>
            <translation>&amp;Endpunkte…</translation>
        </message>
        <message>
            <source>Use as &amp;default for new chats</source>
            <translation>Als &amp;Vorgabe für neue Chats verwenden</translation>
        </message>
        <message>
            <source>Re&amp;play last reply</source>
            <translation>Letzte Antwort &amp;wiederholen</translation>
        </message>
        <message>
            <source>Declare v&amp;ariables…</source>
            <translation>Va&amp;riablen festlegen…</translation>
        </message>
        <message>
            <source>Edit variable &amp;values…</source>
            <translation>Variablenwer&amp;te bearbeiten…</translation>
        </message>
        <message>
            <source>Export chat as &amp;Markdown…</source>
            <translation>Chat als &amp;Markdown exportieren…</translation>
        </message>
        <message>
            <source>Export chat as &amp;JSON…</source>
            <translation>Chat als &amp;JSON exportieren…</translation>
        </message>
        <message>
            <source>&amp;Import chat…</source>
            <translation>Chat &amp;importieren…</translation>
        </message>
        <message>
            <source>&amp;Back up all chats…</source>
            <translation>Alle Chats &amp;sichern…</translation>
        </message>
        <message>
            <source>&amp;Restore all chats from a backup…</source>
            <translation>Alle Chats aus einer Sicherung wieder&amp;herstellen…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>Prompt &amp;library…</source>
            <translation>Prompt-&amp;Bibliothek…</translation>
        </message>
        <message>
            <source>&amp;Choose the system prompt</source>
            <translation>Systemprompt &amp;wählen</translation>
        </message>
        <message>
            <source>&amp;Save prompt version</source>
            <translation>Prompt-Version &amp;speichern</translation>
        </message>
        <message>
            <source>Co&amp;mpare with saved</source>
            <translation>Mit gespeicherter Version &amp;vergleichen</translation>
        </message>
        <message>
            <source>Save as &amp;new prompt…</source>
            <translation>Als &amp;neuen Prompt speichern…</translation>
        </message>
        <message>
            <source>&amp;Test sets…</source>
            <translation>&amp;Testsets…</translation>
        </message>
        <message>
            <source>Focus &amp;message</source>
            <translation>Fokus auf &amp;Nachricht</translation>
        </message>
        <message>
            <source>Focus s&amp;ystem prompt</source>
            <translation>Fokus auf S&amp;ystemprompt</translation>
        </message>
        <message>
            <source>Last reply's &amp;details</source>
            <translation>&amp;Details der letzten Antwort</translation>
        </message>
        <message>
            <source>&amp;Compare replies…</source>
            <translation>Antworten &amp;vergleichen…</translation>
        </message>
        <message>
            <source>&amp;Larger text</source>
            <translation>Text ver&amp;größern</translation>
        </message>
        <message>
            <source>&amp;Smaller text</source>
            <translation>Text ver&amp;kleinern</translation>
        </message>
        <message>
            <source>&amp;Reset text size</source>
            <translation>Textgröße &amp;zurücksetzen</translation>
        </message>
    </context>
    <context>
        <name>WorkersPage</name>
        <message>
            <source>Cloudflare account ID</source>
            <translation>Cloudflare-Konto-ID</translation>
        </message>
        <message>
            <source>Your 32-character ID</source>
            <translation>Ihre 32-stellige ID</translation>
        </message>
        <message>
            <source>API token</source>
            <translation>API-Token</translation>
        </message>
        <message>
            <source>Shown by Cloudflare once; paste it here</source>
            <translation>Wird von Cloudflare nur einmal angezeigt; fügen Sie es hier ein</translation>
        </message>
        <message>
            <source>Checking the OS keyring…</source>
            <translation>Schlüsselbund des Systems wird geprüft…</translation>
        </message>
        <message>
            <source>Token storage</source>
            <translation>Aufbewahrung des Tokens</translation>
        </message>
        <message>
            <source>&amp;Account ID</source>
            <translation>&amp;Konto-ID</translation>
        </message>
        <message>
            <source>API &amp;token</source>
            <translation>API-&amp;Token</translation>
        </message>
        <message>
            <source>Cloudflare Workers AI</source>
            <translation>Cloudflare Workers AI</translation>
        </message>
        <message>
            <source>Two values from your Cloudflare dashboard, then LlamaDesk is ready.</source>
            <translation>Zwei Werte aus Ihrem Cloudflare-Dashboard, dann ist LlamaDesk bereit.</translation>
        </message>
    </context>
</TS>
