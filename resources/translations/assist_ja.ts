<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AgentApp</name>
    <message>
        <source>Built-in server, this computer only (unencrypted): %1</source>
        <translation>内蔵サーバー（このコンピューターのみ・暗号化なし）: %1</translation>
    </message>
    <message>
        <source>Built-in server — customers connect to %1</source>
        <translation>内蔵サーバー — お客様の接続先: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
</context>
<context>
    <name>AreaPicker</name>
    <message>
        <source>Drag over what to hide from the agent. Esc cancels.</source>
        <extracomment>The area chosen, in this window&apos;s device pixels (x, y, width, height).</extracomment>
        <translation>担当者に見せたくない部分をドラッグで囲んでください。Esc で取り消します。</translation>
    </message>
</context>
<context>
    <name>Categories</name>
    <message>
        <source>Camera problem</source>
        <translation>カメラの問題</translation>
    </message>
    <message>
        <source>Screen sharing problem</source>
        <translation>画面共有の問題</translation>
    </message>
    <message>
        <source>Printer problem</source>
        <translation>プリンターの問題</translation>
    </message>
    <message>
        <source>Network or Wi-Fi</source>
        <translation>ネットワーク・Wi-Fi</translation>
    </message>
    <message>
        <source>Account or sign-in</source>
        <translation>アカウント・サインイン</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>請求</translation>
    </message>
    <message>
        <source>How to use</source>
        <translation>使い方</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>ChatModel</name>
    <message>
        <source>not sent — press Retry</source>
        <translation>未送信 — 「再送」を押してください</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>送信中…</translation>
    </message>
</context>
<context>
    <name>ChatPanel</name>
    <message>
        <source>Type a message — Enter sends, Shift+Enter new line</source>
        <translation>メッセージを入力 — Enter で送信、Shift+Enter で改行</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再送</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>メッセージが長すぎます。</translation>
    </message>
</context>
<context>
    <name>ChatWindow</name>
    <message>
        <source>Chat with %1</source>
        <translation>%1 さんとのチャット</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <source>Copy code</source>
        <translation>コードをコピー</translation>
    </message>
    <message>
        <source>Copy invite link</source>
        <translation>招待リンクをコピー</translation>
    </message>
    <message>
        <source>Read this code to the customer, or send them the invite link.</source>
        <translation>このコードをお客様に読み上げるか、招待リンクを送ってください。</translation>
    </message>
    <message>
        <source>Expires in %1</source>
        <translation>有効期限まで %1</translation>
    </message>
</context>
<context>
    <name>ConnectionWatch</name>
    <message>
        <source>%1 Reconnecting (attempt %2)… The customer&apos;s screen stays on while it can; chat and notes you write are kept and sent once the server is back.</source>
        <translation>%1 再接続しています（%2 回目）… お客様の画面はできる限り表示され続けます。入力したチャットとメモは保存され、サーバーが戻りしだい送信されます。</translation>
    </message>
    <message>
        <source>Reconnecting to the server…</source>
        <translation>サーバーに再接続しています…</translation>
    </message>
    <message>
        <source>Connected again.</source>
        <translation>再接続しました。</translation>
    </message>
    <message>
        <source>Connected again — waiting for the customer to reconnect…</source>
        <translation>再接続しました — お客様の再接続を待っています…</translation>
    </message>
    <message>
        <source>The customer&apos;s connection was lost. Waiting up to %1 s for them to come back…</source>
        <translation>お客様の接続が切れました。戻られるのを最大 %1 秒待っています…</translation>
    </message>
    <message>
        <source>The customer is connected again.</source>
        <translation>お客様が再接続しました。</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Share your screen?</source>
        <translation>画面を共有しますか？</translation>
    </message>
    <message>
        <source>Report abuse</source>
        <translation>不正を報告</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; asks to view your screen.</source>
        <translation>&lt;b&gt;%2&lt;/b&gt; の &lt;b&gt;%1&lt;/b&gt; が、あなたの画面の表示を求めています。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks to view your screen.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; が、あなたの画面の表示を求めています。</translation>
    </message>
    <message>
        <source>They will see everything on the screen you choose, until you press Stop, and can point and draw on it. They cannot control your computer unless you allow it separately. Your Assist windows are hidden from them.</source>
        <translation>「停止」を押すまで、選んだ画面のすべてが担当者に表示され、担当者はその上で指し示したり描いたりできます。別途許可しない限り、あなたのコンピューターを操作することはできません。Assist のウィンドウは担当者には表示されません。</translation>
    </message>
    <message>
        <source>⚠ Continue only if you contacted %1 yourself. If someone called you unexpectedly and asked you to install this app, press Decline.</source>
        <translation>⚠ ご自身から %1 に問い合わせた場合にのみ続けてください。突然電話がかかってきて、このアプリのインストールを求められた場合は「拒否」を押してください。</translation>
    </message>
    <message>
        <source>⚠ Continue only if you asked for this help yourself. If someone called you unexpectedly and asked you to install this app, press Decline.</source>
        <translation>⚠ ご自身でこのサポートを依頼した場合にのみ続けてください。突然電話がかかってきて、このアプリのインストールを求められた場合は「拒否」を押してください。</translation>
    </message>
    <message>
        <source>Screen %1 (%2 × %3)</source>
        <translation>画面 %1（%2 × %3）</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>ウィンドウ: %1</translation>
    </message>
    <message>
        <source>What to share:</source>
        <translation>共有するもの:</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>許可</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>🔒 Verified connection to %1</source>
        <translation>🔒 %1 への接続は確認済みです</translation>
    </message>
    <message>
        <source>Connection to a server on this computer (%1)</source>
        <translation>このコンピューター上のサーバーへの接続（%1）</translation>
    </message>
</context>
<context>
    <name>ConsoleDialogs</name>
    <message>
        <source>Wrap up the session with %1</source>
        <extracomment>The agent&apos;s wrap-up, ``WrapUpFields.skip()`` when they skipped it, None for &quot;not now&quot;. The session&apos;s notes, offered as the final note. False: saving also ends the live session (the buttons say so). What the agent entered last time, when it could not be saved.</extracomment>
        <translation>%1 さんとのセッションの完了処理</translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation>コンソールを閉じる</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) are live. End them and close?</source>
        <translation>
            <numerusform>進行中のセッションが %n 件あります。終了して閉じますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>Each customer is told that you ended the session. You are then asked for each wrap-up, which you may skip.</source>
        <translation>各お客様には、あなたがセッションを終了したことが伝えられます。その後、セッションごとに完了処理をお聞きします（スキップもできます）。</translation>
    </message>
    <message>
        <source>End sessions and close</source>
        <translation>セッションを終了して閉じる</translation>
    </message>
    <message>
        <source>Sessions still open</source>
        <translation>開いたままのセッション</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) from before are still open. Rejoin them?</source>
        <translation>
            <numerusform>前回から開いたままのセッションが %n 件あります。再開しますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>With: %1. Rejoining brings back each session&apos;s chat; the customer&apos;s screen comes back without asking them again. Ending them tells each customer.</source>
        <translation>お客様: %1。再開すると各セッションのチャットが戻り、お客様の画面も改めて許可を求めることなく再び表示されます。終了すると各お客様に伝えられます。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Rejoin</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>End them</source>
        <translation>終了する</translation>
    </message>
</context>
<context>
    <name>ControlConsentDialog</name>
    <message>
        <source>Allow control of your computer?</source>
        <translation>コンピューターの操作を許可しますか？</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; from &lt;b&gt;%2&lt;/b&gt; asks to control your computer.</source>
        <translation>&lt;b&gt;%2&lt;/b&gt; の &lt;b&gt;%1&lt;/b&gt; が、あなたのコンピューターの操作を求めています。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks to control your computer.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; が、あなたのコンピューターの操作を求めています。</translation>
    </message>
    <message>
        <source>They will be able to move your mouse, click and type on the screen you share, as if they were sitting at your computer.</source>
        <translation>担当者は、共有している画面でマウスを動かし、クリックし、文字を入力できるようになります。あなたのコンピューターの前に座っているのと同じです。</translation>
    </message>
    <message>
        <source>You stay in charge: moving your own mouse pauses them, and Stop control in the bar at the top, or %1 on the keyboard, ends it at once.</source>
        <translation>主導権はあなたにあります。ご自分のマウスを動かすと担当者の操作は一時停止し、画面上部のバーの「操作を終了」またはキーボードの %1 ですぐに終わります。</translation>
    </message>
    <message>
        <source>Allow control</source>
        <translation>操作を許可</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒否</translation>
    </message>
</context>
<context>
    <name>CustomerController</name>
    <message>
        <source>Thank you. The session was reported to the administrator and ended.</source>
        <extracomment>Sessions that ended this way are not rated. The agent&apos;s pointer and drawings on the shared screen (one per session).</extracomment>
        <translation>ご報告ありがとうございます。セッションを管理者に報告し、終了しました。</translation>
    </message>
    <message>
        <source>Thank you for your feedback.</source>
        <translation>ご評価ありがとうございました。</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting… Your messages are kept and sent.</source>
        <translation>接続が切れました — 再接続しています… メッセージは保存され、あとで送信されます。</translation>
    </message>
    <message>
        <source>Waiting for the support agent to reconnect…</source>
        <translation>サポート担当者の再接続を待っています…</translation>
    </message>
    <message>
        <source>The agent&apos;s connection was lost; sharing is paused.</source>
        <translation>担当者の接続が切れました。共有を一時停止しています。</translation>
    </message>
    <message>
        <source>The support agent&apos;s connection was lost. Waiting for them to return…</source>
        <translation>サポート担当者の接続が切れました。戻るのを待っています…</translation>
    </message>
    <message>
        <source>The support agent is back; sharing resumed.</source>
        <translation>担当者が戻りました。共有を再開しました。</translation>
    </message>
    <message>
        <source>The support agent is back.</source>
        <translation>担当者が戻りました。</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <source>Date</source>
        <extracomment>The record or its verification changed: (past sessions, verified).</extracomment>
        <translation>日時</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>No past sessions.</source>
        <translation>過去のセッションはありません。</translation>
    </message>
    <message>
        <source>The customer&apos;s record appears once they are admitted.</source>
        <translation>お客様を入室させると、お客様の記録がここに表示されます。</translation>
    </message>
    <message>
        <source>Customer number: %1</source>
        <translation>お客様番号: %1</translation>
    </message>
    <message>
        <source>First seen %1</source>
        <translation>初回 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n past session(s)</source>
        <translation>
            <numerusform>過去のセッション %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Unverified — this record was matched only from what the customer typed. Confirm their identity before relying on this history.</source>
        <translation>未確認 — この記録はお客様が入力した内容だけで照合されました。この履歴を頼りにする前に、ご本人であることを確認してください。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Name, e-mail or customer number</source>
        <translation>名前、メールアドレス、またはお客様番号</translation>
    </message>
</context>
<context>
    <name>DisplayNameDialog</name>
    <message>
        <source>Welcome to Assist</source>
        <translation>Assist へようこそ</translation>
    </message>
    <message>
        <source>Enter the name customers will see when you help them, e.g. “Taro Yamada”.</source>
        <translation>サポート中にお客様に表示される名前を入力してください（例:「山田 太郎」）。</translation>
    </message>
    <message>
        <source>Your display name</source>
        <translation>表示名</translation>
    </message>
    <message>
        <source>And the organisation customers contacted, as they know it, e.g. “Acme Support”. Customers are warned to go on only if they contacted it themselves.</source>
        <translation>お客様が問い合わせた組織名も、お客様が知っている名前で入力してください（例:「アクメ サポート」）。お客様には、ご自身から問い合わせた場合にのみ続けるよう注意が表示されます。</translation>
    </message>
    <message>
        <source>Your organisation</source>
        <translation>組織名</translation>
    </message>
</context>
<context>
    <name>GuidanceBar</name>
    <message>
        <source>Pointer</source>
        <extracomment>Fade times offered, in seconds (0: until cleared). The Text tool&apos;s field: as wide as the row allows between these (what is longer scrolls in it). At its narrowest, the drawing tools all fit beside it in a console of 1280 pixels, in English and Japanese. How long &quot;Request control&quot; waits for the customer&apos;s answer before it can be asked again. The agent asks the customer for control. The agent asks the customer to share another screen or window.</extracomment>
        <translation>ポインター</translation>
    </message>
    <message>
        <source>Show a dot with your name</source>
        <translation>あなたの名前付きの点を表示します</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>ペン</translation>
    </message>
    <message>
        <source>Draw freehand</source>
        <translation>フリーハンドで描きます</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>矢印</translation>
    </message>
    <message>
        <source>Draw an arrow</source>
        <translation>矢印を描きます</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>枠</translation>
    </message>
    <message>
        <source>Draw a rectangle</source>
        <translation>四角形を描きます</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Place the label text where you click</source>
        <translation>クリックした場所にラベルの文字を置きます</translation>
    </message>
    <message>
        <source>Label text</source>
        <translation>ラベルの文字</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Remove all drawings from the customer&apos;s screen</source>
        <translation>お客様の画面からすべての描画を消します</translation>
    </message>
    <message>
        <source>Request control</source>
        <translation>操作をリクエスト</translation>
    </message>
    <message>
        <source>Ask the customer to let you use their mouse and keyboard</source>
        <translation>お客様のマウスとキーボードを使う許可を求めます</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Your mouse and keyboard act on the customer&apos;s computer</source>
        <translation>あなたのマウスとキーボードがお客様のコンピューターを操作します</translation>
    </message>
    <message>
        <source>Ask for another screen</source>
        <translation>別の画面を依頼</translation>
    </message>
    <message>
        <source>Ask the customer to share another screen or a single window</source>
        <translation>別の画面または 1 つのウィンドウの共有をお客様に依頼します</translation>
    </message>
    <message>
        <source>Colour: %1</source>
        <translation>色: %1</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>赤</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>緑</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>青</translation>
    </message>
    <message>
        <source>Keep drawings</source>
        <translation>描画を残す</translation>
    </message>
    <message>
        <source>Fade after %1 s</source>
        <translation>%1 秒後に消す</translation>
    </message>
    <message>
        <source>Pointing and drawing start when the customer shares.</source>
        <translation>お客様が画面を共有すると、ポインターと描画を使えます。</translation>
    </message>
    <message>
        <source>Waiting for the customer…</source>
        <translation>お客様の応答を待っています…</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Link the session to which customer?</source>
        <translation>このセッションをどのお客様に紐付けますか？</translation>
    </message>
    <message>
        <source>Merge this record into which customer?</source>
        <translation>この記録をどのお客様に統合しますか？</translation>
    </message>
    <message>
        <source>The session was linked.</source>
        <translation>セッションを紐付けました。</translation>
    </message>
    <message>
        <source>Merge customer records</source>
        <translation>お客様の記録を統合</translation>
    </message>
    <message>
        <source>All sessions of this record move to the chosen customer, and this record is removed. This cannot be undone. Merge?</source>
        <translation>この記録のすべてのセッションが選んだお客様に移り、この記録は削除されます。元に戻せません。統合しますか？</translation>
    </message>
</context>
<context>
    <name>IdentityBar</name>
    <message>
        <source>Confirm identity</source>
        <translation>本人確認済みにする</translation>
    </message>
    <message>
        <source>New customer record: %1</source>
        <translation>新しいお客様レコード: %1</translation>
    </message>
    <message numerus="yes">
        <source>Identity confirmed: %1 · %n past session(s)</source>
        <translation>
            <numerusform>本人確認済み: %1 · 過去のセッション %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unverified — confirm identity before relying on the history of %1 (%n past session(s))</source>
        <translation>
            <numerusform>未確認 — %1 の履歴（過去のセッション %n 件）を参照する前に本人確認をしてください</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InviteWarningDialog</name>
    <message>
        <source>Different server</source>
        <translation>別のサーバー</translation>
    </message>
    <message>
        <source>⚠ This invitation is for the server &lt;b&gt;%1&lt;/b&gt;, not for your organisation&apos;s server &lt;b&gt;%2&lt;/b&gt;.&lt;br&gt;&lt;br&gt;Scammers send links like this. Continue only if you are sure who sent it.</source>
        <translation>⚠ この招待は、お使いの組織のサーバー &lt;b&gt;%2&lt;/b&gt; ではなく、サーバー &lt;b&gt;%1&lt;/b&gt; 宛てです。&lt;br&gt;&lt;br&gt;詐欺ではこのようなリンクが送られてきます。送り主が確かな場合にのみ続けてください。</translation>
    </message>
    <message>
        <source>Use my organisation&apos;s server</source>
        <translation>組織のサーバーを使う</translation>
    </message>
    <message>
        <source>Continue with %1</source>
        <translation>%1 で続ける</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Join a support session</source>
        <translation>サポートセッションに参加</translation>
    </message>
    <message>
        <source>Enter the code the support agent gave you.</source>
        <translation>サポート担当者から伝えられたコードを入力してください。</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>お名前</translation>
    </message>
    <message>
        <source>Optional: helps the agent find your history</source>
        <translation>任意: 担当者があなたの履歴を確認できます</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>参加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>お名前</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Customer number</source>
        <translation>お客様番号</translation>
    </message>
    <message>
        <source>Waiting for %1 (%2) to let you in…</source>
        <translation>%1（%2）が参加を承認するのを待っています…</translation>
    </message>
    <message>
        <source>Waiting for %1 to let you in…</source>
        <translation>%1 が参加を承認するのを待っています…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>接続中…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Assist — Agent console</source>
        <translation>Assist — エージェントコンソール</translation>
    </message>
    <message>
        <source>New session</source>
        <extracomment>Shown while the connection to the server is lost and being re-established. Called when the agent closes the window; False keeps it open (the guard closes it itself once sessions are ended and wrapped up).</extracomment>
        <translation>新しいセッション</translation>
    </message>
    <message>
        <source>Start a new session (%1), or wait for a customer.</source>
        <translation>新しいセッションを開始する（%1）か、お客様をお待ちください。</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Search history</source>
        <translation>履歴を検索</translation>
    </message>
    <message>
        <source>Find customers, notes and chats from past sessions (Ctrl+Shift+F)</source>
        <translation>過去のセッションからお客様・メモ・チャットを探す (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>%1 としてサインイン中</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Private notes (only you and your team see these)</source>
        <extracomment>Typing pauses this long before the note is kept locally and saved. A failed save is tried again this often until it succeeds.</extracomment>
        <translation>非公開メモ（あなたとチームのみ閲覧できます）</translation>
    </message>
    <message>
        <source>What did the customer say? What did you try?</source>
        <translation>お客様は何と言いましたか？何を試しましたか？</translation>
    </message>
    <message>
        <source>Restored — saving…</source>
        <translation>復元しました — 保存しています…</translation>
    </message>
    <message>
        <source>The note is too long to save.</source>
        <translation>メモが長すぎて保存できません。</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>編集中…</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>%1 に保存しました</translation>
    </message>
    <message>
        <source>Not saved yet (%1) — retrying</source>
        <translation>まだ保存されていません（%1）— 再試行しています</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>Outbox</name>
    <message>
        <source>Assist</source>
        <translation>Assist</translation>
    </message>
    <message>
        <source>Unsent messages and notes from a newer version of Assist are waiting in %1. This version leaves them untouched; open the newer version to send them. Until then, what you type now is not kept if Assist closes unexpectedly.</source>
        <translation>新しいバージョンの Assist で未送信のメッセージとメモが %1 に残っています。このバージョンでは手を加えませんので、新しいバージョンを開いて送信してください。それまでの間、いま入力する内容は Assist が予期せず終了した場合には残りません。</translation>
    </message>
    <message>
        <source>Assist cannot keep unsent messages and notes on this computer (%1). What you type is still sent, but is lost if Assist closes before the server has it.</source>
        <translation>未送信のメッセージとメモをこのコンピューターに保存できません（%1）。入力した内容は送信されますが、サーバーに届く前に Assist が終了すると失われます。</translation>
    </message>
</context>
<context>
    <name>PastSessionView</name>
    <message>
        <source>Choose a session to read its transcript, notes and events.</source>
        <translation>セッションを選ぶと、チャット記録・メモ・経過が表示されます。</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>Too many wrong codes. Please wait %n second(s) and try again.</source>
        <translation>
            <numerusform>誤ったコードの入力が多すぎます。%n 秒待ってからもう一度お試しください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyMenu</name>
    <message>
        <source>Hide an area…</source>
        <translation>範囲を隠す…</translation>
    </message>
    <message>
        <source>Show everything again</source>
        <translation>すべて再表示</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <source>How was the help?</source>
        <translation>サポートはいかがでしたか？</translation>
    </message>
    <message>
        <source>How satisfied are you with the help from %1?</source>
        <translation>%1 のサポートにどの程度満足されましたか？</translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation>5 段階中 %1</translation>
    </message>
    <message>
        <source>Anything you want to tell us? (optional)</source>
        <translation>ご意見があればお聞かせください（任意）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>スキップ</translation>
    </message>
</context>
<context>
    <name>RemoteScreenView</name>
    <message>
        <source>Hidden by the customer</source>
        <translation>お客様が非表示にしています</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Report abuse</source>
        <translation>不正を報告</translation>
    </message>
    <message>
        <source>The session will end now and be reported to %1&apos;s administrator, with the code and the agent&apos;s account. What happened? (optional)</source>
        <translation>セッションを今すぐ終了し、コードと担当者のアカウントとともに %1 の管理者に報告します。何がありましたか？（任意）</translation>
    </message>
    <message>
        <source>The session will end now and be reported to the support service&apos;s administrator, with the code and the agent&apos;s account. What happened? (optional)</source>
        <translation>セッションはすぐに終了し、コードと担当者のアカウントとともにサポート窓口の管理者に報告されます。何がありましたか？（任意）</translation>
    </message>
    <message>
        <source>For example: someone called me unexpectedly</source>
        <translation>例: 突然電話がかかってきた</translation>
    </message>
    <message>
        <source>Report and end the session</source>
        <translation>報告してセッションを終了</translation>
    </message>
</context>
<context>
    <name>RestoredChat</name>
    <message>
        <source>Message not delivered in session %1</source>
        <translation>セッション %1 で届かなかったメッセージ</translation>
    </message>
</context>
<context>
    <name>RestoredItem</name>
    <message>
        <source>Last edited %1</source>
        <translation>最終編集: %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>破棄…</translation>
    </message>
</context>
<context>
    <name>RestoredNote</name>
    <message>
        <source>Unsaved note from session %1 — restored</source>
        <translation>セッション %1 の未保存のメモを復元しました</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>破棄…</translation>
    </message>
</context>
<context>
    <name>RestoredTab</name>
    <message>
        <source>Discard</source>
        <extracomment>Asked before something unsent is thrown away; True to go ahead.</extracomment>
        <translation>破棄</translation>
    </message>
    <message>
        <source>Assist closed before these were saved. They were kept on this computer: notes and wrap-ups are being saved to the session&apos;s history now, and messages that were not delivered stay here for you to copy.</source>
        <translation>保存が終わる前に Assist が終了しました。内容はこのコンピューターに残っています。メモと完了処理はいまセッションの履歴に保存しています。届かなかったメッセージは、コピーできるようにここに残してあります。</translation>
    </message>
    <message numerus="yes">
        <source>Restored (%n)</source>
        <translation>
            <numerusform>復元 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard this note? It was never saved and cannot be recovered.</source>
        <translation>このメモを破棄しますか？一度も保存されていないため、元に戻せません。</translation>
    </message>
    <message>
        <source>Discard this wrap-up? It was never saved and cannot be recovered.</source>
        <translation>この完了処理を破棄しますか？一度も保存されていないため、元に戻せません。</translation>
    </message>
    <message>
        <source>Discard this message? It was never delivered.</source>
        <translation>このメッセージを破棄しますか？お客様には届いていません。</translation>
    </message>
</context>
<context>
    <name>RestoredWrapUp</name>
    <message>
        <source>Saving…</source>
        <translation>保存しています…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Skipped wrap-up of session %1 — restored</source>
        <translation>セッション %1 のスキップした完了処理を復元しました</translation>
    </message>
    <message>
        <source>Wrap-up of session %1 — restored</source>
        <translation>セッション %1 の完了処理を復元しました</translation>
    </message>
    <message>
        <source>Saved to the session&apos;s history.</source>
        <translation>セッションの履歴に保存しました。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>保存できませんでした: %1</translation>
    </message>
    <message>
        <source>You chose to skip the wrap-up of this session.</source>
        <translation>このセッションの完了処理はスキップすることにしました。</translation>
    </message>
    <message>
        <source>Category: %1</source>
        <translation>カテゴリー: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>結果: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>タグ: %1</translation>
    </message>
    <message>
        <source>Final note: %1</source>
        <translation>最終メモ: %1</translation>
    </message>
</context>
<context>
    <name>SearchWindow</name>
    <message>
        <source>Search history</source>
        <translation>履歴を検索</translation>
    </message>
    <message>
        <source>Customer name, e-mail, number, or words from notes and chats</source>
        <translation>お客様の名前、メール、番号、またはメモやチャットの言葉</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>見つかったもの</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Merge into another record…</source>
        <translation>別の記録に統合…</translation>
    </message>
    <message>
        <source>Link this session to another customer…</source>
        <translation>このセッションを別のお客様に紐付け…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message numerus="yes">
        <source>Customers (%n)</source>
        <translation>
            <numerusform>お客様 (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Messages and notes (%n)</source>
        <translation>
            <numerusform>メッセージとメモ (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>メモ: %1</translation>
    </message>
    <message>
        <source>%2: %1</source>
        <translation>%2: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s).</source>
        <translation>
            <numerusform>%n 件見つかりました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <source>Cannot connect</source>
        <translation>接続できません</translation>
    </message>
    <message>
        <source>Try again, connect to another server, or use the built-in server on this computer. A server is remembered only once the console has connected to it.</source>
        <translation>もう一度試すか、別のサーバーに接続するか、このコンピューターの内蔵サーバーを使ってください。サーバーは、コンソールが一度接続できたときにだけ記憶されます。</translation>
    </message>
    <message>
        <source>Only for a private certificate authority</source>
        <translation>独自の認証局を使う場合のみ</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA ファイル</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Use the built-in server</source>
        <translation>内蔵サーバーを使う</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
</context>
<context>
    <name>SessionTab</name>
    <message>
        <source>1:1</source>
        <extracomment>A wrap-up that could not be saved: the next one starts from it.</extracomment>
        <translation>等倍</translation>
    </message>
    <message>
        <source>Show the screen pixel for pixel (scroll to see all)</source>
        <translation>画面を等倍で表示します（全体はスクロールで確認）</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>セッションを終了</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Waiting for the customer to enter the code.</source>
        <translation>お客様がコードを入力するのを待っています。</translation>
    </message>
    <message>
        <source>The customer&apos;s screen will appear here.</source>
        <translation>お客様の画面がここに表示されます。</translation>
    </message>
    <message>
        <source>%1 (ended)</source>
        <translation>%1（終了）</translation>
    </message>
    <message>
        <source>%1 is waiting to be admitted.</source>
        <translation>%1 さんが承認を待っています。</translation>
    </message>
    <message>
        <source>%1 joined.</source>
        <translation>%1 さんが参加しました。</translation>
    </message>
    <message>
        <source>Waiting for %1 to allow screen sharing…</source>
        <translation>%1 さんが画面共有を許可するのを待っています…</translation>
    </message>
    <message numerus="yes">
        <source>Customer (%n)</source>
        <translation>
            <numerusform>お客様 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is sharing their screen.</source>
        <translation>%1 さんが画面を共有しています。</translation>
    </message>
    <message>
        <source>%1&apos;s app paused sharing while your connection was lost.</source>
        <translation>接続が切れていた間、%1 さんのアプリが共有を一時停止しました。</translation>
    </message>
    <message>
        <source>Sharing is paused until your connection is back.</source>
        <translation>接続が戻るまで共有は一時停止しています。</translation>
    </message>
    <message>
        <source>%1 paused sharing.</source>
        <translation>%1 さんが共有を一時停止しました。</translation>
    </message>
    <message>
        <source>Sharing is paused.</source>
        <translation>共有は一時停止中です。</translation>
    </message>
    <message>
        <source>%1 declined to share their screen. You can go on in the chat; they can still share from their bar.</source>
        <translation>%1 さんは画面共有を断りました。チャットで続けられます。お客様はバーからあとで共有することもできます。</translation>
    </message>
    <message>
        <source>The customer declined to share their screen.</source>
        <translation>お客様が画面共有を断りました。</translation>
    </message>
    <message>
        <source>Sharing stopped: %1</source>
        <translation>共有が停止しました: %1</translation>
    </message>
    <message>
        <source>The screen stream ended.</source>
        <translation>画面の配信が終了しました。</translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation>完了処理</translation>
    </message>
    <message>
        <source>Choose a category and an outcome for this session, or skip it.</source>
        <translation>このセッションのカテゴリーと結果を選ぶか、完了処理をスキップしてください。</translation>
    </message>
    <message>
        <source>Wrapped up</source>
        <translation>完了処理済み</translation>
    </message>
    <message>
        <source>Wrap-up skipped</source>
        <translation>完了処理をスキップ</translation>
    </message>
</context>
<context>
    <name>ShareBar</name>
    <message>
        <source>Pause</source>
        <extracomment>Shown below while the connection (ours or the agent&apos;s) is lost and coming back.</extracomment>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Share my screen</source>
        <translation>画面を共有</translation>
    </message>
    <message>
        <source>Change sharing</source>
        <translation>共有の変更</translation>
    </message>
    <message>
        <source>Share something else, or hide parts of it</source>
        <translation>別のものを共有するか、一部を非表示にします</translation>
    </message>
    <message>
        <source>Share another screen or window…</source>
        <translation>別の画面またはウィンドウを共有…</translation>
    </message>
    <message>
        <source>Hide windows or areas from the agent…</source>
        <translation>担当者に見せないウィンドウや領域を選ぶ…</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>セッションを終了</translation>
    </message>
    <message>
        <source>Report abuse</source>
        <translation>不正を報告</translation>
    </message>
    <message>
        <source>Clear drawings</source>
        <translation>描画を消去</translation>
    </message>
    <message>
        <source>Remove what the agent drew on your screen</source>
        <translation>担当者が画面に描いたものを消します</translation>
    </message>
    <message>
        <source>Stop control</source>
        <translation>操作を終了</translation>
    </message>
    <message>
        <source>Or press %1 anywhere</source>
        <translation>どこでも %1 を押しても終了できます</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 is controlling your computer</source>
        <translation>%1 があなたのコンピューターを操作しています</translation>
    </message>
    <message>
        <source>Sharing your screen with %1</source>
        <translation>%1 に画面を共有しています</translation>
    </message>
    <message>
        <source>Sharing paused — %1 sees a frozen picture</source>
        <translation>共有を一時停止中 — %1 には止まった画面が見えています</translation>
    </message>
    <message>
        <source>Connected to %1 — your screen is not shared</source>
        <translation>%1 に接続中 — 画面は共有されていません</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Assist</source>
        <translation>Assist にサインイン</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>このコンピューターでサインイン状態を保持する</translation>
    </message>
    <message>
        <source>No password keyring was found on this computer, so Assist cannot remember you.</source>
        <translation>このコンピューターにパスワードキーリングが見つからないため、サインイン状態を保持できません。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>To let customers on the network join, give --certfile and --keyfile (TLS).</source>
        <translation>ネットワーク上のお客様が参加できるようにするには、--certfile と --keyfile（TLS）を指定してください。</translation>
    </message>
    <message>
        <source>Another Assist console is already running for this user (process %1). Use that one, or close it and start again.</source>
        <translation>このユーザーの Assist コンソールはすでに実行中です（プロセス %1）。そちらを使うか、閉じてからもう一度起動してください。</translation>
    </message>
    <message>
        <source>Cannot start the built-in server on %1: %2</source>
        <translation>内蔵サーバーを %1 で起動できません: %2</translation>
    </message>
</context>
<context>
    <name>WaitingRow</name>
    <message>
        <source>%1 is waiting</source>
        <translation>%1 さんが待っています</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>承認</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒否</translation>
    </message>
</context>
<context>
    <name>WrapUpController</name>
    <message>
        <source>The wrap-up was not saved (%1). Press Wrap up to try again.</source>
        <extracomment>The session whose wrap-up is being asked for.</extracomment>
        <translation>完了処理は保存されませんでした（%1）。もう一度［完了処理］を押してください。</translation>
    </message>
</context>
<context>
    <name>WrapUpDialog</name>
    <message>
        <source>Wrap up the session</source>
        <extracomment>``finished`` result when the agent skipped the wrap-up.</extracomment>
        <translation>セッションの完了処理</translation>
    </message>
    <message>
        <source>Choose or type a category</source>
        <translation>カテゴリーを選ぶか入力してください</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解決</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>要フォローアップ</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. windows, driver</source>
        <translation>カンマ区切り（例: windows, ドライバー）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save and end the session</source>
        <translation>保存してセッションを終了</translation>
    </message>
    <message>
        <source>Skip wrap-up</source>
        <translation>完了処理をスキップ</translation>
    </message>
    <message>
        <source>End without wrap-up</source>
        <translation>完了処理をせずに終了</translation>
    </message>
    <message>
        <source>No category or outcome is saved; the history records that you skipped it.</source>
        <translation>カテゴリーと結果は保存されず、完了処理をスキップしたことが履歴に記録されます。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリー</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>Final note</source>
        <translation>最終メモ</translation>
    </message>
</context>
<context>
    <name>history</name>
    <message>
        <source>Resolved</source>
        <translation>解決</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>要フォローアップ</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>エスカレーション</translation>
    </message>
    <message>
        <source>Session created</source>
        <translation>セッション作成</translation>
    </message>
    <message>
        <source>Customer admitted: %1</source>
        <translation>お客様が入室: %1</translation>
    </message>
    <message>
        <source>Customer admitted</source>
        <translation>お客様が入室</translation>
    </message>
    <message>
        <source>Identity confirmed</source>
        <translation>本人確認済み</translation>
    </message>
    <message>
        <source>Moved to another customer record</source>
        <translation>別のお客様の記録へ移動</translation>
    </message>
    <message>
        <source>Wrapped up</source>
        <translation>まとめ記入</translation>
    </message>
    <message>
        <source>Rated by the customer</source>
        <translation>お客様が評価</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>セッション終了</translation>
    </message>
    <message>
        <source>Linked to an existing customer record</source>
        <translation>既存のお客様の記録に紐付け</translation>
    </message>
    <message>
        <source>Linked to a new customer record</source>
        <translation>新しいお客様の記録に紐付け</translation>
    </message>
    <message>
        <source>Identity confirmed by %1</source>
        <translation>%1 が本人確認</translation>
    </message>
    <message>
        <source>Moved to another customer record by %1</source>
        <translation>%1 が別のお客様の記録へ移動</translation>
    </message>
    <message>
        <source>Wrapped up: %1</source>
        <translation>完了処理: %1</translation>
    </message>
    <message>
        <source>Wrap-up skipped</source>
        <translation>完了処理をスキップ</translation>
    </message>
    <message>
        <source>Rated by the customer: %1</source>
        <translation>お客様が評価: %1</translation>
    </message>
    <message>
        <source>Sharing started: one window</source>
        <translation>画面共有開始: ウィンドウ 1 つ</translation>
    </message>
    <message>
        <source>Sharing started: the whole screen</source>
        <translation>画面共有開始: 画面全体</translation>
    </message>
    <message>
        <source>%1 (windows or areas hidden: %2)</source>
        <translation>%1（非表示のウィンドウ・領域: %2）</translation>
    </message>
    <message>
        <source>Sharing paused</source>
        <translation>画面共有一時停止</translation>
    </message>
    <message>
        <source>Sharing stopped</source>
        <translation>画面共有停止</translation>
    </message>
    <message>
        <source>Sharing changed</source>
        <translation>画面共有の状態が変化</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>an event, then why it happened</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>All permissions withdrawn</source>
        <translation>すべての許可を取り消し</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Permissions changed: %1</source>
        <translation>許可の変更: %1</translation>
    </message>
    <message>
        <source>Agent: %1</source>
        <extracomment>What each kind of event the server records reads as (signaling: the registry&apos;s notes and the store&apos;s events).</extracomment>
        <translation>担当: %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>タグ: %1</translation>
    </message>
    <message>
        <source>Customer&apos;s comment: %1</source>
        <translation>お客様のコメント: %1</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Final note: %1</source>
        <translation>最終メモ: %1</translation>
    </message>
    <message>
        <source>No notes.</source>
        <translation>メモはありません。</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>チャット記録</translation>
    </message>
    <message>
        <source>No chat messages.</source>
        <translation>チャットはありません。</translation>
    </message>
    <message>
        <source>Older messages are not shown.</source>
        <translation>古いメッセージは表示されていません。</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>経過</translation>
    </message>
    <message>
        <source>This session&apos;s data was deleted (on request, or after the retention period).</source>
        <translation>このセッションのデータは削除されました（ご本人の依頼、または保存期間の満了による）。</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>A session code has 9 digits. Please check the code.</source>
        <translation>セッションコードは9桁の数字です。コードをご確認ください。</translation>
    </message>
    <message>
        <source>This code is not valid. Please check it with the person helping you.</source>
        <translation>このコードは無効です。サポート担当者にご確認ください。</translation>
    </message>
    <message>
        <source>This code has expired. Please ask for a new code.</source>
        <translation>このコードは有効期限が切れています。新しいコードをお求めください。</translation>
    </message>
    <message>
        <source>This code was already used. Please ask for a new code.</source>
        <translation>このコードはすでに使用されています。新しいコードをお求めください。</translation>
    </message>
    <message>
        <source>The support agent declined the request.</source>
        <translation>サポート担当者が参加リクエストを拒否しました。</translation>
    </message>
    <message>
        <source>This app is too old or too new for the server. Please update it.</source>
        <translation>このアプリのバージョンがサーバーに対応していません。アプリを更新してください。</translation>
    </message>
    <message>
        <source>The server is restarting. Please try again.</source>
        <translation>サーバーが再起動中です。もう一度お試しください。</translation>
    </message>
    <message>
        <source>That is not allowed.</source>
        <translation>その操作は許可されていません。</translation>
    </message>
    <message>
        <source>That is not possible right now.</source>
        <translation>現在その操作はできません。</translation>
    </message>
    <message>
        <source>That session no longer exists.</source>
        <translation>そのセッションはすでに存在しません。</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>メッセージが長すぎます。</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check your network connection and the server address.</source>
        <translation>サーバーに接続できません。ネットワーク接続とサーバーのアドレスをご確認ください。</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>サーバーとの接続が切れました。</translation>
    </message>
    <message>
        <source>The server did not answer in time. Please try again.</source>
        <translation>サーバーから時間内に応答がありませんでした。もう一度お試しください。</translation>
    </message>
    <message>
        <source>No screen was found that could be shared.</source>
        <translation>共有できる画面が見つかりません。</translation>
    </message>
    <message>
        <source>Screen sharing is not available in a Wayland session yet. Please sign in with an X11 (Xorg) session to share your screen.</source>
        <translation>Wayland セッションでは画面共有をまだ利用できません。画面を共有するには X11（Xorg）セッションでサインインしてください。</translation>
    </message>
    <message>
        <source>That screen is no longer connected.</source>
        <translation>その画面はもう接続されていません。</translation>
    </message>
    <message>
        <source>Your screen could not be captured.</source>
        <translation>画面を取得できませんでした。</translation>
    </message>
    <message>
        <source>The window you shared was closed, so sharing stopped.</source>
        <translation>共有していたウィンドウが閉じられたため、共有を停止しました。</translation>
    </message>
    <message>
        <source>The agent&apos;s input could not be passed to your computer.</source>
        <translation>担当者の操作をあなたのコンピューターに伝えられませんでした。</translation>
    </message>
    <message>
        <source>The video connection failed.</source>
        <translation>映像の接続に失敗しました。</translation>
    </message>
    <message>
        <source>The operation was cancelled.</source>
        <translation>操作はキャンセルされました。</translation>
    </message>
    <message>
        <source>Refusing an unencrypted connection to another computer. The server address must start with wss://.</source>
        <translation>他のコンピューターへの暗号化されていない接続は行いません。サーバーのアドレスは wss:// で始まる必要があります。</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified (its certificate is not trusted). Do not continue; contact your administrator.</source>
        <translation>サーバーの身元を確認できませんでした（証明書が信頼されていません）。続行せず、管理者に連絡してください。</translation>
    </message>
    <message>
        <source>Assist could not keep a copy of what you typed on this computer (is the disk full?). It is still sent, but is lost if Assist closes before the server has it.</source>
        <translation>入力した内容の控えをこのコンピューターに保存できませんでした（ディスクの空き容量をご確認ください）。送信は続けますが、サーバーに届く前に Assist が終了すると失われます。</translation>
    </message>
    <message>
        <source>Please sign in.</source>
        <translation>サインインしてください。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>ユーザー名またはパスワードが正しくありません。</translation>
    </message>
    <message>
        <source>This account has been disabled. Contact your administrator.</source>
        <translation>このアカウントは無効化されています。管理者に連絡してください。</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Please sign in again.</source>
        <translation>サインインの有効期限が切れました。もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>サインイン情報が無効になりました。もう一度サインインしてください。</translation>
    </message>
    <message>
        <source>Nobody let you in in time. Please contact the person helping you.</source>
        <translation>時間内に参加が承認されませんでした。サポート担当者にご連絡ください。</translation>
    </message>
    <message>
        <source>Please check the e-mail address (or leave it empty).</source>
        <translation>メールアドレスをご確認ください（空欄でもかまいません）。</translation>
    </message>
    <message>
        <source>That customer record no longer exists. Search again and pick another.</source>
        <translation>そのお客様の記録はもうありません。もう一度検索して、別の記録を選んでください。</translation>
    </message>
    <message>
        <source>A customer record cannot be merged into itself. Pick a different record.</source>
        <translation>お客様の記録をそれ自身に統合することはできません。別の記録を選んでください。</translation>
    </message>
    <message>
        <source>This session cannot be taken up again from here. Please join again.</source>
        <translation>このセッションはここから再開できません。もう一度参加してください。</translation>
    </message>
    <message>
        <source>The session ended while the connection was lost.</source>
        <translation>接続が切れている間にセッションが終了しました。</translation>
    </message>
    <message>
        <source>The server cannot save right now. Please try again in a moment.</source>
        <translation>サーバーが現在保存できません。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>問題が発生しました（%1）。</translation>
    </message>
    <message>
        <source>You ended the session.</source>
        <translation>セッションを終了しました。</translation>
    </message>
    <message>
        <source>Your connection was lost for too long, and the session ended.</source>
        <translation>接続が長く切れていたため、セッションは終了しました。</translation>
    </message>
    <message>
        <source>The support agent ended the session.</source>
        <translation>サポート担当者がセッションを終了しました。</translation>
    </message>
    <message>
        <source>The customer ended the session.</source>
        <translation>お客様がセッションを終了しました。</translation>
    </message>
    <message>
        <source>The support agent left.</source>
        <translation>サポート担当者が退出しました。</translation>
    </message>
    <message>
        <source>The customer left.</source>
        <translation>お客様が退出しました。</translation>
    </message>
    <message>
        <source>The support agent&apos;s connection dropped.</source>
        <translation>サポート担当者の接続が切れました。</translation>
    </message>
    <message>
        <source>The customer&apos;s connection dropped.</source>
        <translation>お客様の接続が切れました。</translation>
    </message>
    <message>
        <source>The code expired before anyone joined.</source>
        <translation>誰も参加しないまま、コードの有効期限が切れました。</translation>
    </message>
    <message>
        <source>The server shut down.</source>
        <translation>サーバーが停止しました。</translation>
    </message>
    <message>
        <source>The session ended after a long time without activity.</source>
        <translation>長時間操作がなかったため、セッションが終了しました。</translation>
    </message>
    <message>
        <source>The support agent&apos;s account was disabled. The session was stopped.</source>
        <translation>サポート担当者のアカウントが無効化されたため、セッションを停止しました。</translation>
    </message>
    <message>
        <source>The session was stopped because the customer&apos;s data was deleted on request.</source>
        <translation>お客様のご依頼によりデータが削除されたため、セッションを終了しました。</translation>
    </message>
    <message>
        <source>The customer stopped sharing.</source>
        <translation>お客様が共有を停止しました。</translation>
    </message>
    <message>
        <source>The customer&apos;s screen could not be captured.</source>
        <translation>お客様の画面を取得できませんでした。</translation>
    </message>
    <message>
        <source>The session ended.</source>
        <translation>セッションが終了しました。</translation>
    </message>
    <message>
        <source>The customer closed the window they were sharing.</source>
        <translation>お客様が共有していたウィンドウを閉じました。</translation>
    </message>
    <message>
        <source>The customer declined to share their screen.</source>
        <translation>お客様が画面共有を断りました。</translation>
    </message>
    <message>
        <source>The support agent&apos;s connection was lost.</source>
        <translation>担当者の接続が切れました。</translation>
    </message>
    <message>
        <source>The support agent is back.</source>
        <translation>担当者が戻りました。</translation>
    </message>
    <message>
        <source>view</source>
        <comment>a permission: see the shared screen</comment>
        <translation>画面の表示</translation>
    </message>
    <message>
        <source>pointer and drawing</source>
        <comment>a permission: point and draw on the screen</comment>
        <translation>ポインターと描画</translation>
    </message>
    <message>
        <source>control</source>
        <comment>a permission: use the mouse and keyboard</comment>
        <translation>操作</translation>
    </message>
</context>
</TS>
