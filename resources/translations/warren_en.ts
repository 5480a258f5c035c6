<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <source>Queues as the broker routes now through the existing bindings, plus what this binding would add.</source>
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
</context>
<context>
    <name>warren::ui::CellText</name>
    <message>
        <source>%1/s</source>
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
        <source>The queue survives a broker restart, with its persistent messages.</source>
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
        <source>The peer of the channel&apos;s connection</source>
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
        <source>The peer of the consumer&apos;s connection</source>
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
        <source>D: durable, AD: auto-delete, Excl: exclusive, then the arguments set</source>
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
        <source>Requeue puts every message back in its place, marked redelivered; ack removes them.</source>
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
        <source>%1 shown and put back; %2 in the queue.</source>
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
        <source>Se&amp;ttings…</source>
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
</context>
<context>
    <name>warren::ui::PermissionsDialog</name>
    <message>
        <source>Permissions of &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual hosts &apos;%1&apos; may open:</source>
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
        <source>&apos;%1&apos; may now open virtual host &apos;%2&apos;.</source>
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
</context>
</TS>
