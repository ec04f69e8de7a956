<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgentApp</name>
    <message>
        <source>Built-in server, this computer only (unencrypted): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in server — customers connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AreaPicker</name>
    <message>
        <source>Drag over what to hide from the agent. Esc cancels.</source>
        <extracomment>The area chosen, in this window&apos;s device pixels (x, y, width, height).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Categories</name>
    <message>
        <source>Camera problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen sharing problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network or Wi-Fi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account or sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Billing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatModel</name>
    <message>
        <source>not sent — press Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Type a message — Enter sends, Shift+Enter new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Chat with %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy invite link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this code to the customer, or send them the invite link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionWatch</name>
    <message>
        <source>%1 Reconnecting (attempt %2)… The customer&apos;s screen stays on while it can; chat and notes you write are kept and sent once the server is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected again — waiting for the customer to reconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s connection was lost. Waiting up to %1 s for them to come back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer is connected again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Share your screen?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report abuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; asks to view your screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks to view your screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They will see everything on the screen you choose, until you press Stop, and can point and draw on it. They cannot control your computer unless you allow it separately. Your Assist windows are hidden from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Continue only if you contacted %1 yourself. If someone called you unexpectedly and asked you to install this app, press Decline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Continue only if you asked for this help yourself. If someone called you unexpectedly and asked you to install this app, press Decline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen %1 (%2 × %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to share:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>🔒 Verified connection to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to a server on this computer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleDialogs</name>
    <message>
        <source>Wrap up the session with %1</source>
        <extracomment>The agent&apos;s wrap-up, ``WrapUpFields.skip()`` when they skipped it, None for &quot;not now&quot;. The session&apos;s notes, offered as the final note. False: saving also ends the live session (the buttons say so). What the agent entered last time, when it could not be saved.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) are live. End them and close?</source>
        <translation>
            <numerusform>%n session is live. End it and close?</numerusform>
            <numerusform>%n sessions are live. End them and close?</numerusform>
        </translation>
    </message>
    <message>
        <source>Each customer is told that you ended the session. You are then asked for each wrap-up, which you may skip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End sessions and close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions still open</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) from before are still open. Rejoin them?</source>
        <translation>
            <numerusform>%n session from before is still open. Rejoin it?</numerusform>
            <numerusform>%n sessions from before are still open. Rejoin them?</numerusform>
        </translation>
    </message>
    <message>
        <source>With: %1. Rejoining brings back each session&apos;s chat; the customer&apos;s screen comes back without asking them again. Ending them tells each customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejoin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ControlConsentDialog</name>
    <message>
        <source>Allow control of your computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; asks to control your computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks to control your computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They will be able to move your mouse, click and type on the screen you share, as if they were sitting at your computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You stay in charge: moving your own mouse pauses them, and Stop control in the bar at the top, or %1 on the keyboard, ends it at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <source>Thank you. The session was reported to the administrator and ended.</source>
        <extracomment>Sessions that ended this way are not rated. The agent&apos;s pointer and drawings on the shared screen (one per session).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for your feedback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost — reconnecting… Your messages are kept and sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the support agent to reconnect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s connection was lost; sharing is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent&apos;s connection was lost. Waiting for them to return…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent is back; sharing resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent is back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Date</source>
        <extracomment>The record or its verification changed: (past sessions, verified).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No past sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s record appears once they are admitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n past session(s)</source>
        <translation>
            <numerusform>%n past session</numerusform>
            <numerusform>%n past sessions</numerusform>
        </translation>
    </message>
    <message>
        <source>Unverified — this record was matched only from what the customer typed. Confirm their identity before relying on this history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Name, e-mail or customer number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisplayNameDialog</name>
    <message>
        <source>Welcome to Assist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the name customers will see when you help them, e.g. “Taro Yamada”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>And the organisation customers contacted, as they know it, e.g. “Acme Support”. Customers are warned to go on only if they contacted it themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your organisation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GuidanceBar</name>
    <message>
        <source>Pointer</source>
        <extracomment>Fade times offered, in seconds (0: until cleared). The Text tool&apos;s field: as wide as the row allows between these (what is longer scrolls in it). At its narrowest, the drawing tools all fit beside it in a console of 1280 pixels, in English and Japanese. How long &quot;Request control&quot; waits for the customer&apos;s answer before it can be asked again. The agent asks the customer for control. The agent asks the customer to share another screen or window.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a dot with your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an arrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw a rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place the label text where you click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove all drawings from the customer&apos;s screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the customer to let you use their mouse and keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your mouse and keyboard act on the customer&apos;s computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for another screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the customer to share another screen or a single window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Green</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep drawings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fade after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pointing and drawing start when the customer shares.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Link the session to which customer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge this record into which customer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was linked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge customer records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All sessions of this record move to the chosen customer, and this record is removed. This cannot be undone. Merge?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdentityBar</name>
    <message>
        <source>Confirm identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer record: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Identity confirmed: %1 · %n past session(s)</source>
        <translation>
            <numerusform>Identity confirmed: %1 · %n past session</numerusform>
            <numerusform>Identity confirmed: %1 · %n past sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unverified — confirm identity before relying on the history of %1 (%n past session(s))</source>
        <translation>
            <numerusform>Unverified — confirm identity before relying on the history of %1 (%n past session)</numerusform>
            <numerusform>Unverified — confirm identity before relying on the history of %1 (%n past sessions)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InviteWarningDialog</name>
    <message>
        <source>Different server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ This invitation is for the server &lt;b&gt;%1&lt;/b&gt;, not for your organisation&apos;s server &lt;b&gt;%2&lt;/b&gt;.&lt;br&gt;&lt;br&gt;Scammers send links like this. Continue only if you are sure who sent it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use my organisation&apos;s server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join a support session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the code the support agent gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: helps the agent find your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 (%2) to let you in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 to let you in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Assist — Agent console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session</source>
        <extracomment>Shown while the connection to the server is lost and being re-established. Called when the agent closes the window; False keeps it open (the guard closes it itself once sessions are ended and wrapped up).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new session (%1), or wait for a customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find customers, notes and chats from past sessions (Ctrl+Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Private notes (only you and your team see these)</source>
        <extracomment>Typing pauses this long before the note is kept locally and saved. A failed save is tried again this often until it succeeds.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What did the customer say? What did you try?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored — saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is too long to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet (%1) — retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Assist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent messages and notes from a newer version of Assist are waiting in %1. This version leaves them untouched; open the newer version to send them. Until then, what you type now is not kept if Assist closes unexpectedly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist cannot keep unsent messages and notes on this computer (%1). What you type is still sent, but is lost if Assist closes before the server has it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PastSessionView</name>
    <message>
        <source>Choose a session to read its transcript, notes and events.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>Too many wrong codes. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>Too many wrong codes. Please wait %n second and try again.</numerusform>
            <numerusform>Too many wrong codes. Please wait %n seconds and try again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyMenu</name>
    <message>
        <source>Hide an area…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everything again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <source>How was the help?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How satisfied are you with the help from %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything you want to tell us? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteScreenView</name>
    <message>
        <source>Hidden by the customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report abuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session will end now and be reported to %1&apos;s administrator, with the code and the agent&apos;s account. What happened? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session will end now and be reported to the support service&apos;s administrator, with the code and the agent&apos;s account. What happened? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: someone called me unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report and end the session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoredChat</name>
    <message>
        <source>Message not delivered in session %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoredItem</name>
    <message>
        <source>Last edited %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoredNote</name>
    <message>
        <source>Unsaved note from session %1 — restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoredTab</name>
    <message>
        <source>Discard</source>
        <extracomment>Asked before something unsent is thrown away; True to go ahead.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist closed before these were saved. They were kept on this computer: notes and wrap-ups are being saved to the session&apos;s history now, and messages that were not delivered stay here for you to copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Restored (%n)</source>
        <translation>
            <numerusform>Restored (%n)</numerusform>
            <numerusform>Restored (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard this note? It was never saved and cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this wrap-up? It was never saved and cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this message? It was never delivered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoredWrapUp</name>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped wrap-up of session %1 — restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up of session %1 — restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to the session&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You chose to skip the wrap-up of this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final note: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchWindow</name>
    <message>
        <source>Search history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer name, e-mail, number, or words from notes and chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into another record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link this session to another customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Customers (%n)</source>
        <translation>
            <numerusform>Customers (%n)</numerusform>
            <numerusform>Customers (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Messages and notes (%n)</source>
        <translation>
            <numerusform>Messages and notes (%n)</numerusform>
            <numerusform>Messages and notes (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%2: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s).</source>
        <translation>
            <numerusform>%n result.</numerusform>
            <numerusform>%n results.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again, connect to another server, or use the built-in server on this computer. A server is remembered only once the console has connected to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a private certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the built-in server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source>1:1</source>
        <extracomment>A wrap-up that could not be saved: the next one starts from it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the screen pixel for pixel (scroll to see all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the customer to enter the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s screen will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is waiting to be admitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 to allow screen sharing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Customer (%n)</source>
        <translation>
            <numerusform>Customer (%n)</numerusform>
            <numerusform>Customer (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is sharing their screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s app paused sharing while your connection was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing is paused until your connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 paused sharing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declined to share their screen. You can go on in the chat; they can still share from their bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer declined to share their screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The screen stream ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a category and an outcome for this session, or skip it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrapped up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareBar</name>
    <message>
        <source>Pause</source>
        <extracomment>Shown below while the connection (ours or the agent&apos;s) is lost and coming back.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share my screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share something else, or hide parts of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share another screen or window…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide windows or areas from the agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report abuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear drawings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove what the agent drew on your screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or press %1 anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is controlling your computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing your screen with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing paused — %1 sees a frozen picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1 — your screen is not shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Assist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password keyring was found on this computer, so Assist cannot remember you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>To let customers on the network join, give --certfile and --keyfile (TLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another Assist console is already running for this user (process %1). Use that one, or close it and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the built-in server on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitingRow</name>
    <message>
        <source>%1 is waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WrapUpController</name>
    <message>
        <source>The wrap-up was not saved (%1). Press Wrap up to try again.</source>
        <extracomment>The session whose wrap-up is being asked for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WrapUpDialog</name>
    <message>
        <source>Wrap up the session</source>
        <extracomment>``finished`` result when the agent skipped the wrap-up.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or type a category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. windows, driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and end the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End without wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No category or outcome is saved; the history records that you skipped it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer admitted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer admitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to another customer record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrapped up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated by the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked to an existing customer record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linked to a new customer record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity confirmed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to another customer record by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrapped up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrap-up skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated by the customer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing started: one window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing started: the whole screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (windows or areas hidden: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>an event, then why it happened</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All permissions withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent: %1</source>
        <extracomment>What each kind of event the server records reads as (signaling: the registry&apos;s notes and the store&apos;s events).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer&apos;s comment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chat messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Older messages are not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session&apos;s data was deleted (on request, or after the retention period).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>A session code has 9 digits. Please check the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code is not valid. Please check it with the person helping you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code has expired. Please ask for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code was already used. Please ask for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent declined the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app is too old or too new for the server. Please update it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is restarting. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not possible right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That session no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server. Check your network connection and the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No screen was found that could be shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screen sharing is not available in a Wayland session yet. Please sign in with an X11 (Xorg) session to share your screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That screen is no longer connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your screen could not be captured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window you shared was closed, so sharing stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s input could not be passed to your computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing an unencrypted connection to another computer. The server address must start with wss://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified (its certificate is not trusted). Do not continue; contact your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assist could not keep a copy of what you typed on this computer (is the disk full?). It is still sent, but is lost if Assist closes before the server has it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been disabled. Contact your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody let you in in time. Please contact the person helping you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please check the e-mail address (or leave it empty).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That customer record no longer exists. Search again and pick another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer record cannot be merged into itself. Pick a different record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session cannot be taken up again from here. Please join again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session ended while the connection was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot save right now. Please try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You ended the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your connection was lost for too long, and the session ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent ended the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer ended the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent&apos;s connection dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s connection dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code expired before anyone joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server shut down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session ended after a long time without activity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent&apos;s account was disabled. The session was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was stopped because the customer&apos;s data was deleted on request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer stopped sharing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer&apos;s screen could not be captured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer closed the window they were sharing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer declined to share their screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent&apos;s connection was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The support agent is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view</source>
        <comment>a permission: see the shared screen</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pointer and drawing</source>
        <comment>a permission: point and draw on the screen</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control</source>
        <comment>a permission: use the mouse and keyboard</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
