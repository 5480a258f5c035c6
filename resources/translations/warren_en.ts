<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AmqpUrl</name>
    <message>
        <source>amqps:// (AMQP over TLS) is not supported; use amqp://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an amqp:// URL (amqp://user:password@host:port/vhost)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port 0 is not a port a broker listens on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the virtual host must be one path segment (write a / inside its name as %2F)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BodyFormats</name>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not UTF-8 text; the Hex view shows its bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… the first %1 of %2 bytes shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payload is not JSON: %1 at byte %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeclareExchangeDialog</name>
    <message>
        <source>to the queues bound with the message&apos;s routing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to every bound queue, whatever the routing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to the queues whose binding pattern matches the routing key (* one word, # any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to the queues whose binding arguments match the message&apos;s headers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldKinds</name>
    <message>
        <source>String</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decimal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a decimal number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not true or false</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListenerSettings</name>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For TLS, choose both a certificate and its private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates for clients need a TLS certificate and key for the broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To require client certificates, choose the CA certificates that sign them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TLS port must be between 1 and 65535 and differ from the AMQP port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertiesEditor</name>
    <message>
        <source>The body&apos;s MIME type, e.g. application/json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the body is encoded, e.g. gzip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 to 255; a priority queue delivers higher ones first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ties a reply to its request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue the receiver should answer to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message&apos;s TTL in milliseconds, written as text, e.g. 60000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds since 1970, or a date such as 2024-05-01T12:00:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application&apos;s message type name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must be the publishing user (guest, for the explorer) or be left empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The publishing application.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueArgumentCatalog</name>
    <message>
        <source>Message TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a message may stay in the queue, in milliseconds, before it is discarded or dead-lettered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the queue may go unused (no consumers, no get, not declared again), in milliseconds, before it is deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overflow behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a full queue does: drop-head drops the oldest message, reject-publish refuses new ones, reject-publish-dlx refuses and dead-letters them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single active consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver to one consumer at a time; the others wait and take over, in order, when it goes away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange that receives messages rejected without requeue, expired, or dropped because the queue was full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter routing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The routing key dead-lettered messages are republished with, instead of their own (needs a dead letter exchange).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many ready messages the queue may hold before the overflow behaviour applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max length bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many bytes of ready message bodies the queue may hold before the overflow behaviour applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes this a priority queue: messages with a higher priority property (up to this, at most 255) are delivered first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lazy mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lazy keeps messages on disk rather than in memory; Warren accepts it and pages out any queue whose backlog grows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Master locator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which cluster node hosts the queue; Warren is a single node, so it is accepted and has no effect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times a message may be redelivered before it is dropped or dead-lettered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initial cluster size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many nodes replicate the queue; Warren is a single node, so it is accepted and has no effect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader locator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which cluster node leads the queue; Warren is a single node, so it is accepted and has no effect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max in memory length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many messages the queue keeps in memory (deprecated by RabbitMQ; checked, then ignored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max in memory bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many bytes of messages the queue keeps in memory (deprecated by RabbitMQ; checked, then ignored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classic, or quorum for a replicated queue that must be durable and cannot be exclusive or auto-delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternate exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange that receives the messages this exchange cannot route to any queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all: every other argument must be a header of the message with that value; any: one is enough (-with-x also compares the x- arguments).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimulatorErrors</name>
    <message>
        <source>The broker cancelled the consumer (its queue was deleted?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The templates are not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the broker did not answer within 30 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the topology creates virtual hosts or users: only Warren&apos;s own scratch broker can do that</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SnapshotNames</name>
    <message>
        <source>The virtual host: a separate namespace of exchanges, queues and bindings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Warren: an AMQP 0-9-1 message broker with a desktop explorer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the broker in the terminal, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMQP port to listen on (default 5672).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on; repeat for several (default 127.0.0.1 and ::1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory for durable data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid port: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block publishers above this much memory: a share of RAM below 1, else bytes (default 0.4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block publishers when the data directory&apos;s disk has less free space, in bytes (default 50000000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a RabbitMQ definitions file (rabbitmqctl export_definitions) at start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the data directory&apos;s definitions in RabbitMQ&apos;s format to a file, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid memory high watermark: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid disk free limit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--import and --export exclude each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --headless: write what happens to each message as JSON lines to a file (- for standard output).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn RabbitMQ&apos;s firehose on for a virtual host: publishes and deliveries are copied to amq.rabbitmq.trace; repeat for several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--trace-file needs --headless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--page needs the window, not --headless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown page: %1 (one of: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the lessons (NAME and title), then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a lesson (a NAME from --lessons, or a scenario file) on a scratch broker in the terminal, then exit: 0 passed, 1 an expectation failed, 2 usage, 3 cannot run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --lesson: write the run as JSON to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--report needs --lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scratch broker: %1 (your own broker and data are not touched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the scratch broker did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1/%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lesson cannot go on: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of the lesson&apos;s expectations failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the window at this page (overview, events, connections, channels, exchanges, queues, bindings, consumers, vhosts, users, simulator, flow, lessons).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --lesson: run it against another broker (e.g. RabbitMQ) instead of a scratch one; only what the clients see is checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a lesson&apos;s clients as pika scripts, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --export-lesson: the directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --export-lesson: the broker&apos;s URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--broker needs --lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--export-lesson and --to go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--url needs --export-lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker: %1 (only what the clients see is checked; what the broker does is marked –)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an amqp:// URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --lesson: play it with one of its deviations (something done differently, to see which expectation fails).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--deviate needs --lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deviating from the lesson: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language: en or zh_CN (default: the system&apos;s; for the window, the one chosen in Settings → Language).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept at most this many client connections; more wait until one closes (default: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close a channel whose delivery stays unacknowledged this long, in milliseconds (default 1800000, 0: never).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid connection limit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid consumer timeout: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMQPS (AMQP over TLS) port to listen on with --tls-cert and --tls-key (default 5671).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s TLS certificate (PEM, then any intermediate ones): with --tls-key, listen for AMQPS too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key of --tls-cert (PEM, not encrypted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates (PEM) for clients&apos; certificates: a client may present one, which must be signed by them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --tls-ca: every TLS client must present a certificate signed by those CAs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-port and --tls-ca need --tls-cert and --tls-key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-verify-peer needs --tls-ca</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid segment size: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users who may log in only from this machine (a loopback address), comma-separated (default guest; an empty list: none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid paging window: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::lesson::LessonText</name>
    <message>
        <source>%1 has not been started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 redelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 nacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy (connecting, paused, blocked or reconnecting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the queue exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 routed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dropped as unroutable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dead-lettered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has published %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has had %2 confirmed by the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has had %2 nacked by the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has had %2 returned as unroutable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, with reply code %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has received %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has routed %2 to queue &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned to their publisher in vhost &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dropped as unroutable in vhost &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dead-lettered in vhost &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired in vhost &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not observable on another broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — saw %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumers: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; in vhost &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue %1 exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this lesson restarts or steps the broker: it runs only on Warren&apos;s own scratch broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, then </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connections: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has had %2 replies to its requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has one connection, with %2 channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has one connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::lesson::ScratchBroker</name>
    <message>
        <source>cannot create a temporary directory: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ArgumentLinks</name>
    <message>
        <source>Add:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ArgumentsSection</name>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::BindDialog</name>
    <message>
        <source>Bind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From exchange:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The routing key of a message to try; it follows the binding&apos;s key until you type one here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message routing key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used by %1 exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pattern of words separated by dots: * stands for one word, # for any number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages published with exactly this routing key match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by this binding, through exchange &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by this binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message published to &apos;%1&apos; with routing key &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message published to &apos;%1&apos; with this binding&apos;s arguments as headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message published to &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would reach no queue, even with this binding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would reach these queues; this binding does not match it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would reach these queues:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the queue or exchange to bind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s own routing, through the existing bindings and this one: every exchange on the way and why each binding matches or not.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::BindingsPanel</name>
    <message>
        <source>Bind…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the binding from exchange &apos;%1&apos; to %2 &apos;%3&apos; with routing key &apos;%4&apos;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the binding from &apos;%1&apos; to &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not remove the binding from &apos;%1&apos; to &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::BodyEditor</name>
    <message>
        <source>Load from file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message body, sent as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(binary content, not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes from %2, sent as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::BrokerStatusLine</name>
    <message>
        <source>Starting the broker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n connection</numerusform>
            <numerusform>%n connections</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 messages ready · %2 unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 msg/s in · %2 msg/s out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the broker: clients are told it is shutting down…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1; AMQPS (TLS) on %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::CellText</name>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ClientDialog</name>
    <message>
        <source>The connection name (connection_name) the broker shows for this client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare it first, as the tutorials do on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add and start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ConnectionsPanel</name>
    <message>
        <source>Close…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the connection from %1 (user &apos;%2&apos;)? The client is told this reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed via Warren explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed the connection from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not close the connection from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ConsumerDialog</name>
    <message>
        <source>Add consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual ack, after processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic ack, on delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefetch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-priority, as RabbitMQ&apos;s consumer priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels of its one connection, each with a consumer of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC server: reply to each request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::DeclareDialog</name>
    <message>
        <source>Virtual host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::DeclareExchangeDialog</name>
    <message>
        <source>Add exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange survives a broker restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange is deleted when its last binding is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients cannot publish to it; only exchanges bound to it route messages into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routes %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the exchange.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::DeclareQueueDialog</name>
    <message>
        <source>Add queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is deleted when its last consumer goes away (not before it has had one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the connection that declared it may use the queue, and it is deleted when that connection closes; declared here, that is the explorer&apos;s own connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classic queues keep messages on this node; quorum queues are replicated logs, always durable, with a delivery limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name for the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-queue-type: choose the queue type in the Type box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue survives a broker restart, with its persistent messages (delivery mode 2) only: transient messages in it are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A durable queue survives a restart, but keeps only its persistent messages (delivery mode 2); transient ones are lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::DefinitionsTransfer</name>
    <message>
        <source>Definitions (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions imported from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::EntityModels</name>
    <message>
        <source>C</source>
        <comment>publisher confirms</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T</source>
        <comment>transactional</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publisher confirms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s address and port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product the client named in its client properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client library&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels open on this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat interval in seconds agreed with the client; 0: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked: publishing is paused by a memory or disk alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages published per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered to consumers or fetched per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channel&apos;s number on its connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C: publisher confirms, T: transactional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic.qos prefetch count for each new consumer; 0: unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global prefetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic.qos prefetch count shared by the channel; 0: unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered and not yet acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered or fetched per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages acknowledged per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consumer acknowledges each message (no-ack off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The only consumer the queue may have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacknowledged messages it may hold; 0: unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-priority: higher priorities get messages first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered to it and not yet acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D</source>
        <comment>durable</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AD</source>
        <comment>auto-delete</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto-delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I</source>
        <comment>internal</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lim B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ovfl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DLX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DLK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DlvLim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Args</source>
        <comment>other arguments</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excl</source>
        <comment>exclusive</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(AMQP default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D: durable, AD: auto-delete, I: internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings with this exchange as their source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange-to-exchange bindings to this exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages published to this exchange per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classic or quorum (the x-queue-type argument)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages waiting to be delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready and unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the ready messages&apos; bodies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages enqueued per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchange messages come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header matching for headers exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages waiting in its queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered from its queues and not yet acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client connections opened on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator, monitoring, management, policymaker, ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can access virtual hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The virtual hosts this user may open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection_name the client gave in its client properties (in pika: client_properties={&apos;connection_name&apos;: ...}); empty if it gave none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s connection_name, or its address when it gave none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exchanges this channel published to, with how many messages each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered to this consumer since it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of those, messages that had been delivered before (to it or to another consumer) and came back: requeued, or left unacknowledged by a consumer that went away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages this consumer acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message time-to-live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue expires when unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maximum length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>maximum size in bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what happens when full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead-letter exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead-letter routing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message priorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single active consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue mode (lazy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other arguments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>internal: only other exchanges publish to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D: durable, AD: auto-delete, Excl: exclusive, then the arguments set (the legend under the table says what each abbreviation means)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running, or paused: deliveries to consumers held (step mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned: unroutable, published as mandatory, sent back with basic.return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unroutable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unroutable: no queue matched and not mandatory, dropped without a word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dead-lettered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dead-lettered: republished to a dead-letter exchange (x-dead-letter-exchange)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 expired: their time-to-live passed while they waited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overflowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overflowed: a full queue dropped or refused them (x-max-length, x-max-length-bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running, or paused: its queues hold deliveries to consumers (step mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firehose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracing on: every publish and delivery in this virtual host is copied to the exchange amq.rabbitmq.trace (rabbitmqctl trace_on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages that did not simply go from a publisher to a consumer since the broker started: returned, unroutable, dead-lettered, expired, overflowed (the cell&apos;s tooltip says what each means)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list in a cell</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing)</source>
        <comment>a permission pattern that allows nothing</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per virtual host: configure | write | read, RabbitMQ&apos;s regular expressions over the names of exchanges and queues; (nothing) allows nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions: configure | write | read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::EntityPanel</name>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number the broker gave the message when it was published: every event about the same message has the same number. Double-click a row to follow its message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client&apos;s connection_name, or its address when it gave none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the explorer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::EventLogView</name>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::EventText</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections and consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declarations and bindings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unroutable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requeued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead-lettered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the default exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>persistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mandatory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 published to %2 with key &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>returned to the publisher: no queue matched key &apos;%1&apos; at %2 (it was published as mandatory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped: no queue matched key &apos;%1&apos; at %2 (not mandatory, so the publisher is not told)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused: queue &apos;%1&apos; is full (x-overflow reject-publish), the publisher gets a nack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not confirmed: %1 gets basic.nack (delivery tag %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed to %1 once written to disk (basic.ack, delivery tag %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirmed to %1 (basic.ack, delivery tag %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered to %1 from &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (redelivered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no acknowledgement expected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fetched from &apos;%1&apos; by %2 with basic.get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected without requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its time-to-live passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the queue was full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it reached the delivery limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead-lettered from &apos;%1&apos; (%2): republished to %3 with key &apos;%4&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as message #%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired in &apos;%1&apos;: its time-to-live passed before anyone took it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped from &apos;%1&apos;: it reached the delivery limit (x-delivery-limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped from &apos;%1&apos;: the queue was full (x-max-length)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 started consuming from &apos;%2&apos; without acknowledgements (consumer tag &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 started consuming from &apos;%2&apos; (consumer tag &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped consuming from &apos;%2&apos; (consumer tag &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connected as &apos;%2&apos; to virtual host &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connected from %2 as &apos;%3&apos; to virtual host &apos;%4&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed its connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed its connection (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lost its connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lost its connection (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue &apos;%1&apos; declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue &apos;%1&apos; deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange %1 (%2) declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange %1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bound to %2 with key &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unbound from %2 (key &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by the default exchange (the key is the queue&apos;s name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by alternate exchange %2 (nothing else matched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by binding &apos;%2&apos; of alternate exchange %3 (nothing else matched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by its binding to %2, reached through an exchange-to-exchange binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by binding &apos;%2&apos; of %3, reached through an exchange-to-exchange binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by its binding to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by binding &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged by %1: &apos;%2&apos; forgets it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected by %1 with basic.nack: it leaves &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected by %1 with basic.reject: it leaves &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic.nack with requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic.reject with requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic.recover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requeued (%1): &apos;%2&apos; will deliver it again, marked redelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consumer tag &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivery tag %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::EventsPanel</name>
    <message>
        <source>Show all messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the broker does with each message, as it happens. Events are recorded only while this page is open. Double-click a row to follow its message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause scrolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the table still to read it: new events wait and are added when you continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following message #%1 (and its dead-lettered copies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) in the log; it keeps the last %1.</source>
        <translation>
            <numerusform>%Ln event in the log; it keeps the last %1.</numerusform>
            <numerusform>%Ln events in the log; it keeps the last %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 events not shown: tracing 1 in %2 messages past %3 messages/s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events lost: the explorer could not keep up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scrolling paused: %Ln new event(s) waiting.</source>
        <translation>
            <numerusform>Scrolling paused: %Ln new event waiting.</numerusform>
            <numerusform>Scrolling paused: %Ln new events waiting.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warren::ui::ExchangesPanel</name>
    <message>
        <source>Declare exchange…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete exchange &apos;%1&apos; in virtual host &apos;%2&apos; and its bindings?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse if the exchange is the source of any binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted exchange &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete exchange &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ExplorerPanels</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::FieldTableEditor</name>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row %1: the name is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: given twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::FlowExplanation</name>
    <message>
        <source>Click a moving message or a row of the log: the broker explains where it went and why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Why it went there&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message #%1, dead-lettered to %2 with key &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message #%1, published to %2 with key &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the broker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No explanation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event log does not keep message headers: this is how the broker routes the key without headers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::FlowPage</name>
    <message>
        <source>Only what has traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide exchanges, queues and bindings that no message went through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step mode for this virtual host (Space): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release one message to a consumer (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let every held message go (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget where nodes were dragged and lay the graph out again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write flow-&lt;date-time&gt;.svg and .png into the current directory (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;graph…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the routing graph as SVG and PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where this message was published is not in the log: it came before the page was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent events&lt;/b&gt; (click one to see its route)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to draw in virtual host &apos;%1&apos; yet: declare an exchange or a queue, or run a client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dots: ● a message, ◆R redelivered, ■D dead-lettered, ◀ returned, ○ expired, ✕ dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message #%1 was published before the page was opened: its route is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change step mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries paused in virtual host &apos;%1&apos;: Step (N) releases one message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries resumed in virtual host &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing graph of virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graph exported to %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG and PNG (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::FlowText</name>
    <message>
        <source>(empty key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no headers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default exchange)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ready · %2 unacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 unacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unacked, no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection &apos;%1&apos;: it published to the exchanges its arrows point to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange %1 (%2): it keeps no messages, it passes each one to the queues whose bindings match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue &apos;%1&apos;: %2 ready to deliver, %3 delivered and not yet acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumer &apos;%1&apos; on connection &apos;%2&apos;. Prefetch window: %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle: nothing unacknowledged and no delivery in the last few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange-to-exchange binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alternate exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead-letter route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving dots: showing 1 in %1 messages (the broker traces a sample past its budget); the counters on the arrows are exact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not animated: too many at once.</source>
        <translation>
            <numerusform>%Ln message not animated: too many at once.</numerusform>
            <numerusform>%Ln messages not animated: too many at once.</numerusform>
        </translation>
    </message>
    <message>
        <source>exchange &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 binding (%2) matched the headers: to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fanout binding: to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 binding %2 matched %3: to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no binding matched: returned to the publisher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no binding matched: dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln node(s) hidden: only the %1 busiest are drawn.</source>
        <translation>
            <numerusform>%Ln node hidden: only the %1 busiest are drawn.</numerusform>
            <numerusform>%Ln nodes hidden: only the %1 busiest are drawn.</numerusform>
        </translation>
    </message>
    <message>
        <source>returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>requeued</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::GetMessagesDialog</name>
    <message>
        <source>Get messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get messages from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nack message requeue true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack message requeue false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack mode removes the messages from the queue: once shown here, they are gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; in virtual host &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2 bytes%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, redelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue has no ready messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 taken out of the queue; %2 left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requeue puts every message back in its place: it will be redelivered, with the redelivered flag set on its next delivery. Ack removes them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages put back will be redelivered: their next delivery, to a consumer or here, has the redelivered flag set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown and put back; %2 in the queue. Those put back will be redelivered (redelivered flag set).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::LessonsPage</name>
    <message>
        <source>The tutorial Warren grew from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RabbitMQ&apos;s tutorials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beyond the tutorials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step and what to observe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the broker and the clients reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queues: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quorum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lesson runs on a scratch broker at %1, beside your own: your broker, its data and its applications are not touched. The scratch broker is gone when the lesson ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saw %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson passed: every expectation held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson finished: some expectations did not hold, their explanations say why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson cannot go on: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the lesson: the routing graph of its broker appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pika code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as Python scripts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code of %1 is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pika code of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the lesson&apos;s scripts into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson&apos;s scripts are in %1 (README.txt says what to run when).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the scripts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deviate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do one thing differently from the lesson, and see which expectation fails and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No: as the lesson says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deviating from the lesson: %1. Start it and watch which expectation turns ✗, and why.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::MainWindow</name>
    <message>
        <source>Warren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export definitions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import definitions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save exchanges, queues, bindings, users and virtual hosts as a RabbitMQ definitions file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create what a RabbitMQ definitions file describes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::MessageViewer</name>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange: %1    Routing key: %2    Redelivered: %3    Payload: %4 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(AMQP default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no properties)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::MoveMessagesDialog</name>
    <message>
        <source>Move messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move messages from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moves every message ready in &apos;%1&apos; (%2 at the last refresh) to the end of the destination queue, properties unchanged. Messages out with consumers stay where they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; in virtual host &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To queue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the queue to move the messages to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved 1 message to &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 messages to &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::OverviewPanel</name>
    <message>
        <source>Message rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; connections &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; queues &amp;nbsp; &lt;b&gt;%3&lt;/b&gt; ready &amp;nbsp; &lt;b&gt;%4&lt;/b&gt; unacknowledged &amp;nbsp; &lt;b&gt;%5&lt;/b&gt; msg/s in &amp;nbsp; &lt;b&gt;%6&lt;/b&gt; msg/s out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned, unroutable, dead-lettered, expired, overflowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unroutable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead-lettered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overflowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages that did not simply go from a publisher to a consumer, per second. Returned: no queue matched and the publisher asked (mandatory) to get it back. Unroutable: no queue matched, dropped without a word. Dead-lettered: republished to a dead-letter exchange. Expired: its time-to-live passed in a queue. Overflowed: a full queue dropped or refused it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::PermissionsDialog</name>
    <message>
        <source>Permissions of &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the virtual hosts &apos;%1&apos; may open. In each, three regular expressions say which exchanges and queues the user may configure (declare, delete), write (publish, bind to) and read (consume, get, purge, bind from). As in RabbitMQ they match anywhere in a name; start one with ^ to match from the beginning. Empty allows nothing, .* everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanges and queues the user may declare and delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchanges the user may publish to, queues and exchanges the user may bind to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queues the user may consume from, get from and purge, exchanges the user may bind from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::PortTakenDialog</name>
    <message>
        <source>Port %1 is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker cannot listen on port %1: %2 is already listening there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is free: the broker can start there for this run, and your clients connect to port %1. To keep another port for good, use Broker settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No port near it is free: choose one in Broker settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (process %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (process %2 of the service %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To free port %1, stop that service, then start the broker again:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ProducerDialog</name>
    <message>
        <source>Add producer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the default exchange: the routing key names the queue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Body:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind it to the exchange with key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages at each start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A burst: all at once when the producer starts, and again at each Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per second:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A steady rate, from the start until Pause or Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery guarantees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent messages (delivery mode 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publisher confirms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mandatory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matters only in a queue declared with x-max-priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>milliseconds; empty: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name=value; name=value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message also carries the headers message-number and producer, so consumers can tell which message they got.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC client: wait for replies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::PropertiesEditor</name>
    <message>
        <source>priority: not a number from 0 to 255</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timestamp: not seconds since 1970 or a date like 2024-05-01T12:00:00Z</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::PublishDialog</name>
    <message>
        <source>Publish message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Through the default exchange, the name of the queue to deliver to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 - Non-persistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 - Persistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A persistent message in a durable queue survives a broker restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(AMQP default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message published, but not routed to any queue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::QueuesPanel</name>
    <message>
        <source>Declare queue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purge queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n ready message(s) from queue &apos;%1&apos; in virtual host &apos;%2&apos;? Unacknowledged messages stay.</source>
        <translation>
            <numerusform>Remove the %n ready message from queue &apos;%1&apos; in virtual host &apos;%2&apos;? Unacknowledged messages stay.</numerusform>
            <numerusform>Remove all %n ready messages from queue &apos;%1&apos; in virtual host &apos;%2&apos;? Unacknowledged messages stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purged %n message(s) from queue &apos;%1&apos;.</source>
        <translation>
            <numerusform>Purged %n message from queue &apos;%1&apos;.</numerusform>
            <numerusform>Purged %n messages from queue &apos;%1&apos;.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not purge queue &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete queue &apos;%1&apos; in virtual host &apos;%2&apos; and the messages in it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse if the queue has messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if unused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse if the queue has consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted queue &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete queue &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries from queue &apos;%1&apos; paused: messages wait as ready until you step or resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not pause queue &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries from queue &apos;%1&apos; resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume queue &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold this queue&apos;s deliveries to consumers (step mode).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release exactly one message from this paused queue, to the consumer the round-robin picks next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let this queue deliver again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::ReceivedModel</name>
    <message>
        <source>%1 (%L2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 received %n message(s) in all; the last %2 are listed.</source>
        <translation>
            <numerusform>%1 received %n message in all; the last %2 are listed.</numerusform>
            <numerusform>%1 received %n messages in all; the last %2 are listed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warren::ui::RouteExplanationText</name>
    <message>
        <source>(default exchange)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exchange %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: reached through a binding of exchange %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: alternate exchange of %2, where no binding matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the message is published here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to exchange %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to queue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to queue %1 (the default exchange&apos;s own binding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 with key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this new binding)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (does not exist yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;#&apos; took no word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;#&apos; took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;*&apos; took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pattern ends but the key goes on with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the key ends where the pattern wants %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ≠ %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both are empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ignored (x- arguments count only with %2-with-x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no header %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2, not %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-match %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, no conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fanout exchange sends to every binding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the routing key names this queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no queue is named %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the routing key equals the binding key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the CC/BCC key %1 equals the binding key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the routing key is not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no bindings: the message goes nowhere from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no binding matched: the message goes nowhere from here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no binding matched, and its alternate exchange %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no binding matched: passed to its alternate exchange %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the message goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::SettingsDialog</name>
    <message>
        <source>Broker settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AMQP port clients connect to; RabbitMQ&apos;s default is 5672.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1 and ::1 (this computer only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address to listen on. 0.0.0.0 accepts connections from other computers; the guest user may still log in from this computer only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where durable queues, exchanges and persistent messages are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bind address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply and restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a certificate and its private key the broker also listens for AMQP over TLS (amqps://) on its own port. Leave them empty for plain AMQP only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port for AMQP over TLS; RabbitMQ&apos;s default is 5671.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s certificate, a PEM file; intermediate certificates may follow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s private key, a PEM file without a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: clients are not asked for a certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates (PEM) for clients&apos; certificates: a client may then present a certificate, which must be signed by one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require a client certificate signed by these CAs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clients without such a certificate are refused during the TLS handshake (RabbitMQ&apos;s fail_if_no_peer_cert).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate&apos;s private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client CA certificates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates for clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AMQPS (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::SimulatorPanel</name>
    <message>
        <source>This window&apos;s broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated producers and consumers are real AMQP clients: each has its own connection to the broker below and appears on the Connections page under its name. Add them, then watch what each one sends, receives and acknowledges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amqp://user:password@host:port/vhost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New clients connect here; clients already added keep their broker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Producers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add producer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new producer with its own connection, started at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish: another burst, or the rate again after a pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop publishing and stay connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop publishing and close the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close its connection and remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add consumer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new consumer with its own connection, started at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect (if needed) and consume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the consumer and close its connection: what it has not acknowledged goes back to the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut the connection now, without closing it: the broker requeues what it has not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start again with a new connection, after a crash, a hang or a stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Received&lt;/b&gt; by each consumer, oldest first. &lt;b&gt;↻ redelivered&lt;/b&gt;: the broker had delivered the message before, to a consumer that did not acknowledge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an amqp:// URL: amqp://user:password@host:port/vhost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New clients connect to the broker of this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New clients connect to the broker at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>producer P%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worker %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::SimulatorTables</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its connection name on the broker&apos;s Connections page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the producer is doing, and why it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it publishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its routing key template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A burst at each start, or a steady rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages sent with delivery mode 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages sent to the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publisher confirms: messages the broker took responsibility for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publisher confirms: messages the broker could not take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mandatory messages no queue took, sent back by the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the consumer is doing, and why it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic or manual acknowledgement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefetch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacknowledged messages it may hold at once (0: no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long it works on each message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it does with a message once processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages delivered to it, all told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of those, messages the broker had delivered before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages it acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requeued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages it rejected with requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages it nacked without requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received and not yet processed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue it consumes from, and whether it declares it durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC client: answers to its own requests, matched by correlation_id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::SimulatorText</name>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked by the broker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject and requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nack without requeue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash before the ack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The brace at character %1 is not closed (write {{ for a brace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The brace at character %1 closes nothing (write }} for a brace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown placeholder {%1} at character %2: use {n}, {n%K}, {choice:a|b|c} or {uuid}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{%1} at character %2: K in {n%K} must be a whole number from 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{choice:} at character %1 has nothing to choose from: list options as {choice:a|b|c}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ↻ redelivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a client outside the simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, redelivered: the broker had delivered it before, to a consumer that did not acknowledge it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>burst of %n</source>
        <translation>
            <numerusform>burst of %n</numerusform>
            <numerusform>burst of %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected. Start connects it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening its connection and channel and declaring its queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected and at work: publishing, or consuming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, not publishing. Start goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its burst is sent; it stays connected. Start sends another burst.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker stopped reading from it (a resource alarm); it goes on when the broker lets it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its connection was lost; it opens a new one by itself, as a client that retries does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its connection was cut without a close: the broker requeued every message it had not acknowledged (with automatic ack they are lost). Restart starts it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It stopped reading and heartbeating: the broker closes its connection after two missed heartbeats and requeues what it held. Restart starts it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker refused it, or could not be reached: the error says why. It does not try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (durable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::StepMode</name>
    <message>
        <source>While deliveries are paused, publishing continues and messages pile up as ready, message TTLs keep running (messages still expire), and basic.get still answers. Only deliveries to consumers wait: Step releases one message, Resume lets them all go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries paused (step mode): consumers get nothing until you step or resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not step: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released one message from &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message is waiting: nothing to release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consumer can take a message now (none is consuming, or each holds as many unacknowledged messages as its prefetch allows).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::StepModeBanner</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release exactly one message to a consumer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the held messages go: deliveries continue as usual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>virtual host &apos;%1&apos; (all its queues)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queue &apos;%1&apos; in virtual host &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deliveries are paused in %1: consumers get nothing until you step or resume. Publishing continues (%n message(s) waiting).</source>
        <translation>
            <numerusform>Deliveries are paused in %1: consumers get nothing until you step or resume. Publishing continues (%n message waiting).</numerusform>
            <numerusform>Deliveries are paused in %1: consumers get nothing until you step or resume. Publishing continues (%n messages waiting).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deliveries are paused in %n place(s): consumers there get nothing until you step or resume. Publishing continues.</source>
        <translation>
            <numerusform>Deliveries are paused in %n place: consumers there get nothing until you step or resume. Publishing continues.</numerusform>
            <numerusform>Deliveries are paused in %n places: consumers there get nothing until you step or resume. Publishing continues.</numerusform>
        </translation>
    </message>
    <message>
        <source>Deliveries resumed in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume %1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step releases exactly one message; Resume lets them all go.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::TeachingNotes</name>
    <message>
        <source>The queue is not declared here: it must exist already, or messages to it are dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A durable queue survives a broker restart (with its persistent messages only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A transient queue is gone after a broker restart, with everything in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent messages are written to disk when the queue they reach is durable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transient messages are lost when the broker restarts, whatever the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent messages in a durable queue are written to disk: they survive a broker restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Persistent, but the queue is transient: a restart deletes the queue and its messages anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The durable queue survives a restart, but these transient messages do not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue and messages live in memory only: a broker restart loses both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker confirms each message once it is responsible for it (persistent ones in durable queues once they are on disk).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer for published messages: the producer cannot tell whether the broker got them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message no queue takes comes back to the producer (counted as returned).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message no queue takes is dropped without a word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The consumer acknowledges each message after processing it: if it crashes first, the broker delivers the message again, marked redelivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker forgets each message once delivered: a consumer that crashes with automatic ack loses the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefetch does not limit automatic ack: the broker sends as fast as it can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlimited: the broker hands out every ready message at once, in turn, however slow the consumer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair dispatch: a busy consumer gets no new message until it acknowledges the one it has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>At most %n unacknowledged messages at a time; the rest waits in the queue for whoever has room.</source>
        <translation>
            <numerusform>At most %n unacknowledged messages at a time; the rest waits in the queue for whoever has room.</numerusform>
            <numerusform>At most %n unacknowledged messages at a time; the rest waits in the queue for whoever has room.</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledged: the broker deletes the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With automatic ack there is nothing to acknowledge: the broker deleted it on delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected with requeue: the message goes back to the queue and comes again, redelivered, over and over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With automatic ack a message cannot be rejected: the broker deleted it on delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nacked without requeue: the message is dropped (or dead-lettered, if the queue has a dead-letter exchange).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With automatic ack a message cannot be nacked: the broker deleted it on delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is cut before message %1 is acknowledged: the broker requeues it for another consumer, marked redelivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is cut at message %1: with automatic ack that message, and any waiting behind it, is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At message %1 the consumer stops reading and heartbeating; the broker gives up on it after two missed heartbeats (about %2 s) and requeues what it held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message takes %1 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each message takes between %1 and %2 ms, drawn with seed %3: the same seed repeats the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive: while it consumes, no other consumer may consume from the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared: other consumers of the queue take turns with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal priority: consumers take turns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority %1: while it has room, it gets messages before consumers of lower priority.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never acknowledged, as the tutorial&apos;s first consumer: the messages stay unacknowledged while it is connected, and each consumer after it gets them all again, redelivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With automatic ack there is nothing to forget: the broker deleted it on delivery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One channel on its connection, with one consumer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 channels on one connection, a consumer on each: the broker counts %1 consumers and one connection; when the connection goes, they all go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before acknowledging a request, it publishes an answer to the request&apos;s reply_to through the default exchange, with its correlation_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It answers nothing: a request&apos;s reply_to is not its business.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It declares a server-named exclusive queue for the answers, names it in each request&apos;s reply_to with a correlation_id of its own, and counts the answers to its own requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It expects no answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::TemplateEdit</name>
    <message>
        <source>Placeholders: {n} the message number, {n%K} the number modulo K, {choice:a|b|c} one option after the other, {uuid} a random UUID; {{ and }} for braces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages 1, 2, 3: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::UserDialog</name>
    <message>
        <source>Set password and tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. administrator, monitoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated: administrator, monitoring, management, policymaker or your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::UsersPanel</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password/tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed the password and tags of &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added user &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete user &apos;%1&apos;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted user &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; may no longer open virtual host &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the permissions of &apos;%1&apos; on &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions of &apos;%1&apos; on &apos;%2&apos;: configure &apos;%3&apos;, write &apos;%4&apos;, read &apos;%5&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::VHostsPanel</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add virtual host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new virtual host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added virtual host &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete virtual host</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete virtual host &apos;%1&apos;? This deletes all its exchanges and queues, with the %n message(s) in them, and closes its connections.</source>
        <translation>
            <numerusform>Delete virtual host &apos;%1&apos;? This deletes all its exchanges and queues, with the %n message in them, and closes its connections.</numerusform>
            <numerusform>Delete virtual host &apos;%1&apos;? This deletes all its exchanges and queues, with the %n messages in them, and closes its connections.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted virtual host &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace to amq.rabbitmq.trace (firehose)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RabbitMQ&apos;s firehose (rabbitmqctl trace_on): while on, every message published in this virtual host and every delivery from it is also published to the exchange amq.rabbitmq.trace, with the routing key publish.&lt;exchange&gt; or deliver.&lt;queue&gt;, the original body, and headers saying where it went. Bind a queue to amq.rabbitmq.trace with &apos;#&apos; to read them. Off again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firehose on for virtual host &apos;%1&apos;: publishes and deliveries are copied to amq.rabbitmq.trace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firehose off for virtual host &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not switch the firehose for virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries paused in virtual host &apos;%1&apos;: messages wait as ready until you step or resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not pause virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deliveries resumed in virtual host &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume virtual host &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the deliveries of every queue in this virtual host (step mode).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release exactly one message: the oldest ready one that a consumer can take now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let every queue of this virtual host deliver again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
