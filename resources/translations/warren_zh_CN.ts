<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AmqpUrl</name>
    <message>
        <source>amqps:// (AMQP over TLS) is not supported; use amqp://</source>
        <translation>不支持 amqps://（基于 TLS 的 AMQP）；请使用 amqp://</translation>
    </message>
    <message>
        <source>not an amqp:// URL (amqp://user:password@host:port/vhost)</source>
        <translation>不是 amqp:// 地址（amqp://用户:密码@主机:端口/虚拟主机）</translation>
    </message>
    <message>
        <source>port 0 is not a port a broker listens on</source>
        <translation>端口 0 不是代理服务器可以监听的端口</translation>
    </message>
    <message>
        <source>the virtual host must be one path segment (write a / inside its name as %2F)</source>
        <translation>虚拟主机必须是单个路径段（名称中的 / 请写成 %2F）</translation>
    </message>
</context>
<context>
    <name>BodyFormats</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>The payload is not UTF-8 text; the Hex view shows its bytes.</source>
        <translation>消息体不是 UTF-8 文本；十六进制视图会显示其字节。</translation>
    </message>
    <message>
        <source>… the first %1 of %2 bytes shown</source>
        <translation>… 仅显示 %2 字节中的前 %1 字节</translation>
    </message>
    <message>
        <source>The payload is not JSON: %1 at byte %2.</source>
        <translation>消息体不是 JSON：%1（位于第 %2 字节）。</translation>
    </message>
</context>
<context>
    <name>DeclareExchangeDialog</name>
    <message>
        <source>to the queues bound with the message&apos;s routing key</source>
        <translation>到以该消息的路由键绑定的队列</translation>
    </message>
    <message>
        <source>to every bound queue, whatever the routing key</source>
        <translation>到所有已绑定的队列，不论路由键为何</translation>
    </message>
    <message>
        <source>to the queues whose binding pattern matches the routing key (* one word, # any)</source>
        <translation>到绑定模式与路由键匹配的队列（* 匹配一个单词，# 匹配任意个单词）</translation>
    </message>
    <message>
        <source>to the queues whose binding arguments match the message&apos;s headers</source>
        <translation>到绑定参数与消息头匹配的队列</translation>
    </message>
</context>
<context>
    <name>FieldKinds</name>
    <message>
        <source>String</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Decimal</source>
        <translation>小数</translation>
    </message>
    <message>
        <source>Boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>not a decimal number</source>
        <translation>不是小数</translation>
    </message>
    <message>
        <source>not true or false</source>
        <translation>不是 true 或 false</translation>
    </message>
</context>
<context>
    <name>ListenerSettings</name>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>端口必须介于 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address.</source>
        <translation>“%1”不是 IP 地址。</translation>
    </message>
    <message>
        <source>Choose a data directory.</source>
        <translation>请选择数据目录。</translation>
    </message>
    <message>
        <source>For TLS, choose both a certificate and its private key.</source>
        <translation>使用 TLS 时，请同时选择证书及其私钥。</translation>
    </message>
    <message>
        <source>CA certificates for clients need a TLS certificate and key for the broker.</source>
        <translation>客户端 CA 证书需要先为代理设置 TLS 证书和私钥。</translation>
    </message>
    <message>
        <source>To require client certificates, choose the CA certificates that sign them.</source>
        <translation>要求客户端证书时，请选择签发这些证书的 CA 证书。</translation>
    </message>
    <message>
        <source>The TLS port must be between 1 and 65535 and differ from the AMQP port.</source>
        <translation>TLS 端口必须在 1 到 65535 之间，并且不能与 AMQP 端口相同。</translation>
    </message>
</context>
<context>
    <name>PropertiesEditor</name>
    <message>
        <source>The body&apos;s MIME type, e.g. application/json.</source>
        <translation>消息体的 MIME 类型，例如 application/json。</translation>
    </message>
    <message>
        <source>How the body is encoded, e.g. gzip.</source>
        <translation>消息体的编码方式，例如 gzip。</translation>
    </message>
    <message>
        <source>0 to 255; a priority queue delivers higher ones first.</source>
        <translation>0 到 255；优先级队列会先投递优先级高的消息。</translation>
    </message>
    <message>
        <source>Ties a reply to its request.</source>
        <translation>将回复与其请求关联起来。</translation>
    </message>
    <message>
        <source>The queue the receiver should answer to.</source>
        <translation>接收方应回复到的队列。</translation>
    </message>
    <message>
        <source>This message&apos;s TTL in milliseconds, written as text, e.g. 60000.</source>
        <translation>此消息的 TTL（毫秒），以文本形式填写，例如 60000。</translation>
    </message>
    <message>
        <source>The application&apos;s id.</source>
        <translation>应用程序 ID。</translation>
    </message>
    <message>
        <source>Seconds since 1970, or a date such as 2024-05-01T12:00:00Z.</source>
        <translation>自 1970 年起的秒数，或形如 2024-05-01T12:00:00Z 的日期。</translation>
    </message>
    <message>
        <source>The application&apos;s message type name.</source>
        <translation>应用程序定义的消息类型名称。</translation>
    </message>
    <message>
        <source>Must be the publishing user (guest, for the explorer) or be left empty.</source>
        <translation>必须是发布消息的用户（对管理界面而言为 guest），或留空。</translation>
    </message>
    <message>
        <source>The publishing application.</source>
        <translation>发布消息的应用程序。</translation>
    </message>
</context>
<context>
    <name>QueueArgumentCatalog</name>
    <message>
        <source>Message TTL</source>
        <translation>消息 TTL</translation>
    </message>
    <message>
        <source>How long a message may stay in the queue, in milliseconds, before it is discarded or dead-lettered.</source>
        <translation>消息在队列中可停留的时长（毫秒），超时后将被丢弃或转为死信。</translation>
    </message>
    <message>
        <source>Auto expire</source>
        <translation>自动过期</translation>
    </message>
    <message>
        <source>How long the queue may go unused (no consumers, no get, not declared again), in milliseconds, before it is deleted.</source>
        <translation>队列闲置（无消费者、无 get 操作、未被再次声明）多长时间（毫秒）后将被删除。</translation>
    </message>
    <message>
        <source>Overflow behaviour</source>
        <translation>溢出行为</translation>
    </message>
    <message>
        <source>What a full queue does: drop-head drops the oldest message, reject-publish refuses new ones, reject-publish-dlx refuses and dead-letters them.</source>
        <translation>队列已满时的处理方式：drop-head 丢弃最旧的消息，reject-publish 拒绝新消息，reject-publish-dlx 拒绝新消息并将其转为死信。</translation>
    </message>
    <message>
        <source>Single active consumer</source>
        <translation>单一活跃消费者</translation>
    </message>
    <message>
        <source>Deliver to one consumer at a time; the others wait and take over, in order, when it goes away.</source>
        <translation>每次只向一个消费者投递；其他消费者等待，并在它断开后依次接替。</translation>
    </message>
    <message>
        <source>Dead letter exchange</source>
        <translation>死信交换机</translation>
    </message>
    <message>
        <source>The exchange that receives messages rejected without requeue, expired, or dropped because the queue was full.</source>
        <translation>接收死信的交换机：被拒绝且未重新入队、已过期或因队列已满而被丢弃的消息。</translation>
    </message>
    <message>
        <source>Dead letter routing key</source>
        <translation>死信路由键</translation>
    </message>
    <message>
        <source>The routing key dead-lettered messages are republished with, instead of their own (needs a dead letter exchange).</source>
        <translation>重新发布死信消息时使用的路由键，代替消息原有的路由键（需要设置死信交换机）。</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>How many ready messages the queue may hold before the overflow behaviour applies.</source>
        <translation>队列最多可容纳的就绪消息数，超出后执行溢出行为。</translation>
    </message>
    <message>
        <source>Max length bytes</source>
        <translation>最大字节数</translation>
    </message>
    <message>
        <source>How many bytes of ready message bodies the queue may hold before the overflow behaviour applies.</source>
        <translation>队列中就绪消息体最多可占用的字节数，超出后执行溢出行为。</translation>
    </message>
    <message>
        <source>Maximum priority</source>
        <translation>最大优先级</translation>
    </message>
    <message>
        <source>Makes this a priority queue: messages with a higher priority property (up to this, at most 255) are delivered first.</source>
        <translation>将此队列设为优先级队列：priority 属性较高的消息（不超过此值，最大 255）优先投递。</translation>
    </message>
    <message>
        <source>Lazy mode</source>
        <translation>惰性模式</translation>
    </message>
    <message>
        <source>lazy keeps messages on disk rather than in memory; Warren accepts it and pages out any queue whose backlog grows.</source>
        <translation>lazy 将消息保存在磁盘而非内存中；Warren 接受此参数，并会将积压增长的任何队列换出到磁盘。</translation>
    </message>
    <message>
        <source>Master locator</source>
        <translation>主节点定位策略</translation>
    </message>
    <message>
        <source>Which cluster node hosts the queue; Warren is a single node, so it is accepted and has no effect.</source>
        <translation>由哪个集群节点承载该队列；Warren 是单节点，因此接受此参数但不起作用。</translation>
    </message>
    <message>
        <source>Delivery limit</source>
        <translation>投递次数上限</translation>
    </message>
    <message>
        <source>How many times a message may be redelivered before it is dropped or dead-lettered.</source>
        <translation>消息在被丢弃或转为死信之前可重新投递的次数。</translation>
    </message>
    <message>
        <source>Initial cluster size</source>
        <translation>初始集群大小</translation>
    </message>
    <message>
        <source>How many nodes replicate the queue; Warren is a single node, so it is accepted and has no effect.</source>
        <translation>复制该队列的节点数；Warren 是单节点，因此接受此参数但不起作用。</translation>
    </message>
    <message>
        <source>Leader locator</source>
        <translation>领导者定位策略</translation>
    </message>
    <message>
        <source>Which cluster node leads the queue; Warren is a single node, so it is accepted and has no effect.</source>
        <translation>由哪个集群节点担任该队列的领导者；Warren 是单节点，因此接受此参数但不起作用。</translation>
    </message>
    <message>
        <source>Max in memory length</source>
        <translation>内存中最大长度</translation>
    </message>
    <message>
        <source>How many messages the queue keeps in memory (deprecated by RabbitMQ; checked, then ignored).</source>
        <translation>队列在内存中保留的消息数（RabbitMQ 已弃用；会校验，但随后忽略）。</translation>
    </message>
    <message>
        <source>Max in memory bytes</source>
        <translation>内存中最大字节数</translation>
    </message>
    <message>
        <source>How many bytes of messages the queue keeps in memory (deprecated by RabbitMQ; checked, then ignored).</source>
        <translation>队列在内存中保留的消息字节数（RabbitMQ 已弃用；会校验，但随后忽略）。</translation>
    </message>
    <message>
        <source>Queue type</source>
        <translation>队列类型</translation>
    </message>
    <message>
        <source>classic, or quorum for a replicated queue that must be durable and cannot be exclusive or auto-delete.</source>
        <translation>classic，或 quorum（复制队列，必须持久化，且不能是排他或自动删除队列）。</translation>
    </message>
    <message>
        <source>Alternate exchange</source>
        <translation>备用交换机</translation>
    </message>
    <message>
        <source>The exchange that receives the messages this exchange cannot route to any queue.</source>
        <translation>接收本交换机无法路由到任何队列的消息的交换机。</translation>
    </message>
    <message>
        <source>Match mode</source>
        <translation>匹配模式</translation>
    </message>
    <message>
        <source>all: every other argument must be a header of the message with that value; any: one is enough (-with-x also compares the x- arguments).</source>
        <translation>all：其他每个参数都必须以相同的值出现在消息头中；any：匹配其中一个即可（-with-x 还会比较 x- 开头的参数）。</translation>
    </message>
</context>
<context>
    <name>SimulatorErrors</name>
    <message>
        <source>The broker cancelled the consumer (its queue was deleted?)</source>
        <translation>代理取消了该消费者（它的队列被删除了？）</translation>
    </message>
    <message>
        <source>The templates are not valid</source>
        <translation>模板无效</translation>
    </message>
    <message>
        <source>the broker did not answer within 30 seconds</source>
        <translation>代理在 30 秒内没有应答</translation>
    </message>
    <message>
        <source>the topology creates virtual hosts or users: only Warren&apos;s own scratch broker can do that</source>
        <translation>该拓扑会创建虚拟主机或用户：只有 Warren 自己的临时代理能做到</translation>
    </message>
</context>
<context>
    <name>SnapshotNames</name>
    <message>
        <source>The virtual host: a separate namespace of exchanges, queues and bindings.</source>
        <translation>虚拟主机：交换机、队列和绑定的独立命名空间。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Warren: an AMQP 0-9-1 message broker with a desktop explorer.</source>
        <translation>Warren：带桌面管理界面的 AMQP 0-9-1 消息代理。</translation>
    </message>
    <message>
        <source>Run the broker in the terminal, without a window.</source>
        <translation>在终端中运行代理，不显示窗口。</translation>
    </message>
    <message>
        <source>AMQP port to listen on (default 5672).</source>
        <translation>监听的 AMQP 端口（默认 5672）。</translation>
    </message>
    <message>
        <source>Address to listen on; repeat for several (default 127.0.0.1 and ::1).</source>
        <translation>监听地址；可重复指定多个（默认 127.0.0.1 和 ::1）。</translation>
    </message>
    <message>
        <source>Directory for durable data.</source>
        <translation>持久化数据目录。</translation>
    </message>
    <message>
        <source>invalid port: %1</source>
        <translation>无效端口：%1</translation>
    </message>
    <message>
        <source>invalid address: %1</source>
        <translation>无效地址：%1</translation>
    </message>
    <message>
        <source>Block publishers above this much memory: a share of RAM below 1, else bytes (default 0.4).</source>
        <translation>内存用量超过此值时阻塞发布者：小于 1 表示占内存总量的比例，否则为字节数（默认 0.4）。</translation>
    </message>
    <message>
        <source>Block publishers when the data directory&apos;s disk has less free space, in bytes (default 50000000).</source>
        <translation>数据目录所在磁盘的可用空间低于此值（字节）时阻塞发布者（默认 50000000）。</translation>
    </message>
    <message>
        <source>Import a RabbitMQ definitions file (rabbitmqctl export_definitions) at start.</source>
        <translation>启动时导入 RabbitMQ 定义文件（rabbitmqctl export_definitions）。</translation>
    </message>
    <message>
        <source>Write the data directory&apos;s definitions in RabbitMQ&apos;s format to a file, then exit.</source>
        <translation>将数据目录中的定义以 RabbitMQ 格式写入文件，然后退出。</translation>
    </message>
    <message>
        <source>invalid memory high watermark: %1</source>
        <translation>无效的内存高水位线：%1</translation>
    </message>
    <message>
        <source>invalid disk free limit: %1</source>
        <translation>无效的磁盘可用空间下限：%1</translation>
    </message>
    <message>
        <source>--import and --export exclude each other</source>
        <translation>--import 与 --export 不能同时使用</translation>
    </message>
    <message>
        <source>With --headless: write what happens to each message as JSON lines to a file (- for standard output).</source>
        <translation>与 --headless 一起使用：把每条消息的经历以 JSON 行写入文件（- 表示标准输出）。</translation>
    </message>
    <message>
        <source>Turn RabbitMQ&apos;s firehose on for a virtual host: publishes and deliveries are copied to amq.rabbitmq.trace; repeat for several.</source>
        <translation>为某个虚拟主机打开 RabbitMQ 的 firehose：发布和投递都会复制到 amq.rabbitmq.trace；可重复使用以指定多个虚拟主机。</translation>
    </message>
    <message>
        <source>--trace-file needs --headless</source>
        <translation>--trace-file 需要与 --headless 一起使用</translation>
    </message>
    <message>
        <source>--page needs the window, not --headless</source>
        <translation>--page 需要窗口，不能与 --headless 同用</translation>
    </message>
    <message>
        <source>unknown page: %1 (one of: %2)</source>
        <translation>未知页面：%1（可选：%2）</translation>
    </message>
    <message>
        <source>List the lessons (NAME and title), then exit.</source>
        <translation>列出课程（名称和标题），然后退出。</translation>
    </message>
    <message>
        <source>Play a lesson (a NAME from --lessons, or a scenario file) on a scratch broker in the terminal, then exit: 0 passed, 1 an expectation failed, 2 usage, 3 cannot run.</source>
        <translation>在终端中于临时代理上运行一节课程（--lessons 列出的名称，或一个场景文件），然后退出：0 全部通过，1 有预期未通过，2 用法错误，3 无法运行。</translation>
    </message>
    <message>
        <source>With --lesson: write the run as JSON to a file.</source>
        <translation>与 --lesson 一起使用：把运行结果以 JSON 写入文件。</translation>
    </message>
    <message>
        <source>--report needs --lesson</source>
        <translation>--report 需要与 --lesson 一起使用</translation>
    </message>
    <message>
        <source>cannot write the report %1: %2</source>
        <translation>无法写入报告 %1：%2</translation>
    </message>
    <message>
        <source>Scratch broker: %1 (your own broker and data are not touched)</source>
        <translation>临时代理：%1（不会触碰你自己的代理和数据）</translation>
    </message>
    <message>
        <source>the scratch broker did not start: %1</source>
        <translation>临时代理未能启动：%1</translation>
    </message>
    <message>
        <source>Step %1/%2: %3</source>
        <translation>第 %1/%2 步：%3</translation>
    </message>
    <message>
        <source>the lesson cannot go on: %1</source>
        <translation>课程无法继续：%1</translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation>课程 %1：%2</translation>
    </message>
    <message>
        <source>%1 of the lesson&apos;s expectations failed</source>
        <translation>课程中有 %1 项预期未通过</translation>
    </message>
    <message>
        <source>Open the window at this page (overview, events, connections, channels, exchanges, queues, bindings, consumers, vhosts, users, simulator, flow, lessons).</source>
        <translation>启动时打开窗口的这个页面（overview、events、connections、channels、exchanges、queues、bindings、consumers、vhosts、users、simulator、flow、lessons）。</translation>
    </message>
    <message>
        <source>With --lesson: run it against another broker (e.g. RabbitMQ) instead of a scratch one; only what the clients see is checked.</source>
        <translation>与 --lesson 一起使用：在另一个代理（例如 RabbitMQ）上运行课程，而不是临时代理；只检查客户端看到的内容。</translation>
    </message>
    <message>
        <source>Write a lesson&apos;s clients as pika scripts, then exit.</source>
        <translation>把课程中的客户端写成 pika 脚本，然后退出。</translation>
    </message>
    <message>
        <source>With --export-lesson: the directory.</source>
        <translation>与 --export-lesson 一起使用：目标目录。</translation>
    </message>
    <message>
        <source>With --export-lesson: the broker&apos;s URL.</source>
        <translation>与 --export-lesson 一起使用：代理的 URL。</translation>
    </message>
    <message>
        <source>--broker needs --lesson</source>
        <translation>--broker 需要与 --lesson 一起使用</translation>
    </message>
    <message>
        <source>--export-lesson and --to go together</source>
        <translation>--export-lesson 和 --to 需要一起使用</translation>
    </message>
    <message>
        <source>--url needs --export-lesson</source>
        <translation>--url 需要与 --export-lesson 一起使用</translation>
    </message>
    <message>
        <source>Broker: %1 (only what the clients see is checked; what the broker does is marked –)</source>
        <translation>代理：%1（只检查客户端看到的内容；代理内部的情况标记为 –）</translation>
    </message>
    <message>
        <source>not an amqp:// URL: %1</source>
        <translation>不是 amqp:// URL：%1</translation>
    </message>
    <message>
        <source>With --lesson: play it with one of its deviations (something done differently, to see which expectation fails).</source>
        <translation>与 --lesson 一起使用：以课程的某个偏离方式播放（换一种做法，看看哪一项预期会失败）。</translation>
    </message>
    <message>
        <source>--deviate needs --lesson</source>
        <translation>--deviate 需要与 --lesson 一起使用</translation>
    </message>
    <message>
        <source>Deviating from the lesson: %1</source>
        <translation>偏离课程：%1</translation>
    </message>
    <message>
        <source>Language: en or zh_CN (default: the system&apos;s; for the window, the one chosen in Settings → Language).</source>
        <translation>语言：en 或 zh_CN（默认：系统语言；窗口则使用“设置 → 语言”中选择的语言）。</translation>
    </message>
    <message>
        <source>Accept at most this many client connections; more wait until one closes (default: no limit).</source>
        <translation>最多接受这么多个客户端连接；超出的连接会等待，直到有连接关闭（默认：不限）。</translation>
    </message>
    <message>
        <source>Close a channel whose delivery stays unacknowledged this long, in milliseconds (default 1800000, 0: never).</source>
        <translation>投递的消息在这么长时间内（毫秒）未被确认，就关闭其通道（默认 1800000，0 表示永不）。</translation>
    </message>
    <message>
        <source>invalid connection limit: %1</source>
        <translation>无效的连接数上限：%1</translation>
    </message>
    <message>
        <source>invalid consumer timeout: %1</source>
        <translation>无效的消费者超时：%1</translation>
    </message>
    <message>
        <source>AMQPS (AMQP over TLS) port to listen on with --tls-cert and --tls-key (default 5671).</source>
        <translation>配合 --tls-cert 和 --tls-key 使用时，监听的 AMQPS（基于 TLS 的 AMQP）端口（默认 5671）。</translation>
    </message>
    <message>
        <source>The broker&apos;s TLS certificate (PEM, then any intermediate ones): with --tls-key, listen for AMQPS too.</source>
        <translation>代理的 TLS 证书（PEM 格式，其后可跟中间证书）：与 --tls-key 一起给出时，同时监听 AMQPS。</translation>
    </message>
    <message>
        <source>The private key of --tls-cert (PEM, not encrypted).</source>
        <translation>--tls-cert 证书的私钥（PEM 格式，未加密）。</translation>
    </message>
    <message>
        <source>CA certificates (PEM) for clients&apos; certificates: a client may present one, which must be signed by them.</source>
        <translation>用于客户端证书的 CA 证书（PEM 格式）：客户端可以出示证书，出示的证书必须由这些 CA 签发。</translation>
    </message>
    <message>
        <source>With --tls-ca: every TLS client must present a certificate signed by those CAs.</source>
        <translation>配合 --tls-ca 使用：每个 TLS 客户端都必须出示由这些 CA 签发的证书。</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert 和 --tls-key 必须一起使用</translation>
    </message>
    <message>
        <source>--tls-port and --tls-ca need --tls-cert and --tls-key</source>
        <translation>--tls-port 和 --tls-ca 需要同时给出 --tls-cert 和 --tls-key</translation>
    </message>
    <message>
        <source>--tls-verify-peer needs --tls-ca</source>
        <translation>--tls-verify-peer 需要 --tls-ca</translation>
    </message>
    <message>
        <source>invalid segment size: %1</source>
        <translation>无效的段文件大小：%1</translation>
    </message>
    <message>
        <source>Users who may log in only from this machine (a loopback address), comma-separated (default guest; an empty list: none).</source>
        <translation>只能从本机（回环地址）登录的用户，以逗号分隔（默认 guest；空列表表示没有）。</translation>
    </message>
    <message>
        <source>invalid paging window: %1</source>
        <translation>无效的分页窗口：%1</translation>
    </message>
</context>
<context>
    <name>warren::lesson::LessonText</name>
    <message>
        <source>%1 has not been started</source>
        <translation>%1 尚未启动</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>收到 %1 条</translation>
    </message>
    <message>
        <source>%1 redelivered</source>
        <translation>重新投递 %1 条</translation>
    </message>
    <message>
        <source>%1 acknowledged</source>
        <translation>确认 %1 条</translation>
    </message>
    <message>
        <source>%1 published</source>
        <translation>发布 %1 条</translation>
    </message>
    <message>
        <source>%1 confirmed</source>
        <translation>确认 %1 条</translation>
    </message>
    <message>
        <source>%1 nacked</source>
        <translation>被拒绝（nack）%1 条</translation>
    </message>
    <message>
        <source>%1 returned</source>
        <translation>退回 %1 条</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>已宕机</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>已失败</translation>
    </message>
    <message>
        <source>busy (connecting, paused, blocked or reconnecting)</source>
        <translation>忙（连接中、暂停、被阻塞或重连中）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the queue exists</source>
        <translation>队列存在</translation>
    </message>
    <message>
        <source>%1 ready</source>
        <translation>%1 条就绪</translation>
    </message>
    <message>
        <source>%1 unacknowledged</source>
        <translation>%1 条未确认</translation>
    </message>
    <message>
        <source>durable</source>
        <translation>持久</translation>
    </message>
    <message>
        <source>transient</source>
        <translation>非持久</translation>
    </message>
    <message>
        <source>no such queue</source>
        <translation>没有这个队列</translation>
    </message>
    <message>
        <source>%1 routed</source>
        <translation>路由了 %1 条</translation>
    </message>
    <message>
        <source>%1 dropped as unroutable</source>
        <translation>%1 条因无法路由被丢弃</translation>
    </message>
    <message>
        <source>%1 dead-lettered</source>
        <translation>%1 条成为死信</translation>
    </message>
    <message>
        <source>%1 expired</source>
        <translation>%1 条过期</translation>
    </message>
    <message>
        <source>the default exchange</source>
        <translation>默认交换机</translation>
    </message>
    <message>
        <source>%1 has published %2</source>
        <translation>%1 已发布 %2 条</translation>
    </message>
    <message>
        <source>%1 has had %2 confirmed by the broker</source>
        <translation>%1 有 %2 条被代理确认</translation>
    </message>
    <message>
        <source>%1 has had %2 nacked by the broker</source>
        <translation>%1 有 %2 条被代理拒绝（nack）</translation>
    </message>
    <message>
        <source>%1 has had %2 returned as unroutable</source>
        <translation>%1 有 %2 条因无法路由被退回</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, with reply code %2</source>
        <translation>%1，回复码 %2</translation>
    </message>
    <message>
        <source>%1 has received %2</source>
        <translation>%1 已收到 %2 条</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 has routed %2 to queue &apos;%3&apos;</source>
        <translation>%1 已把 %2 条路由到队列“%3”</translation>
    </message>
    <message>
        <source>%1 returned to their publisher in vhost &apos;%2&apos;</source>
        <translation>vhost “%2” 中有 %1 条退回给发布者</translation>
    </message>
    <message>
        <source>%1 dropped as unroutable in vhost &apos;%2&apos;</source>
        <translation>vhost “%2” 中有 %1 条因无法路由被丢弃</translation>
    </message>
    <message>
        <source>%1 dead-lettered in vhost &apos;%2&apos;</source>
        <translation>vhost “%2” 中有 %1 条成为死信</translation>
    </message>
    <message>
        <source>%1 expired in vhost &apos;%2&apos;</source>
        <translation>vhost “%2” 中有 %1 条过期</translation>
    </message>
    <message>
        <source>not observable on another broker</source>
        <translation>在其他代理上无法观察</translation>
    </message>
    <message>
        <source>%1 %2 — saw %3: %4</source>
        <translation>%1 %2 —— 实际为 %3：%4</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>consumers: %1</source>
        <translation>消费者 %1 个</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in vhost &apos;%2&apos;</source>
        <translation>vhost “%2” 中的“%1”</translation>
    </message>
    <message>
        <source>queue %1 does not exist</source>
        <translation>队列 %1 不存在</translation>
    </message>
    <message>
        <source>queue %1 exists</source>
        <translation>队列 %1 存在</translation>
    </message>
    <message>
        <source>queue %1: %2</source>
        <translation>队列 %1：%2</translation>
    </message>
    <message>
        <source>this lesson restarts or steps the broker: it runs only on Warren&apos;s own scratch broker</source>
        <translation>本课程会重启代理或单步投递：只能在 Warren 自己的临时代理上运行</translation>
    </message>
    <message>
        <source>no producer</source>
        <translation>无生产者</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 条来自 %2</translation>
    </message>
    <message>
        <source>, then </source>
        <translation>，然后 </translation>
    </message>
    <message>
        <source>last: %1</source>
        <translation>最后：%1</translation>
    </message>
    <message>
        <source>%1 replies</source>
        <translation>%1 条回复</translation>
    </message>
    <message>
        <source>connections: %1</source>
        <translation>连接：%1</translation>
    </message>
    <message>
        <source>channels: %1</source>
        <translation>信道：%1</translation>
    </message>
    <message>
        <source>%1 has had %2 replies to its requests</source>
        <translation>%1 的请求已收到 %2 条回复</translation>
    </message>
    <message>
        <source>%1 has one connection, with %2 channels</source>
        <translation>%1 有一个连接，其上有 %2 个信道</translation>
    </message>
    <message>
        <source>%1 has one connection</source>
        <translation>%1 有一个连接</translation>
    </message>
</context>
<context>
    <name>warren::lesson::ScratchBroker</name>
    <message>
        <source>cannot create a temporary directory: %1</source>
        <translation>无法创建临时目录：%1</translation>
    </message>
</context>
<context>
    <name>warren::ui::ArgumentLinks</name>
    <message>
        <source>Add:</source>
        <translation>添加：</translation>
    </message>
</context>
<context>
    <name>warren::ui::ArgumentsSection</name>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
</context>
<context>
    <name>warren::ui::BindDialog</name>
    <message>
        <source>Bind</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Add binding</source>
        <translation>添加绑定</translation>
    </message>
    <message>
        <source>Virtual host:</source>
        <translation>虚拟主机：</translation>
    </message>
    <message>
        <source>From exchange:</source>
        <translation>源交换机：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>Routing key:</source>
        <translation>路由键：</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>Routing preview</source>
        <translation>路由预览</translation>
    </message>
    <message>
        <source>The routing key of a message to try; it follows the binding&apos;s key until you type one here.</source>
        <translation>用于试验的消息路由键；在此处输入之前，它与绑定的路由键保持一致。</translation>
    </message>
    <message>
        <source>Message routing key:</source>
        <translation>消息路由键：</translation>
    </message>
    <message>
        <source>type: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>not used by %1 exchanges</source>
        <translation>%1 交换机不使用路由键</translation>
    </message>
    <message>
        <source>A pattern of words separated by dots: * stands for one word, # for any number.</source>
        <translation>由点分隔的单词模式：* 代表一个单词，# 代表任意个单词。</translation>
    </message>
    <message>
        <source>Messages published with exactly this routing key match.</source>
        <translation>以完全相同的路由键发布的消息才会匹配。</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>无法预览：%1</translation>
    </message>
    <message>
        <source>added by this binding, through exchange &apos;%1&apos;</source>
        <translation>由此绑定新增，经由交换机“%1”</translation>
    </message>
    <message>
        <source>added by this binding</source>
        <translation>由此绑定新增</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  （%2）</translation>
    </message>
    <message>
        <source>A message published to &apos;%1&apos; with routing key &apos;%2&apos;</source>
        <translation>以路由键“%2”发布到“%1”的消息</translation>
    </message>
    <message>
        <source>A message published to &apos;%1&apos; with this binding&apos;s arguments as headers</source>
        <translation>以此绑定的参数作为消息头发布到“%1”的消息</translation>
    </message>
    <message>
        <source>A message published to &apos;%1&apos;</source>
        <translation>发布到“%1”的消息</translation>
    </message>
    <message>
        <source>%1 would reach no queue, even with this binding.</source>
        <translation>%1不会到达任何队列，即使添加此绑定也是如此。</translation>
    </message>
    <message>
        <source>%1 would reach these queues; this binding does not match it.</source>
        <translation>%1会到达以下队列；此绑定与其不匹配。</translation>
    </message>
    <message>
        <source>%1 would reach these queues:</source>
        <translation>%1会到达以下队列：</translation>
    </message>
    <message>
        <source>Choose the queue or exchange to bind.</source>
        <translation>请选择要绑定的队列或交换机。</translation>
    </message>
    <message>
        <source>The broker&apos;s own routing, through the existing bindings and this one: every exchange on the way and why each binding matches or not.</source>
        <translation>代理自己的路由判断（基于现有绑定加上这个新绑定）：途经的每个交换机，以及每个绑定为什么匹配或不匹配。</translation>
    </message>
</context>
<context>
    <name>warren::ui::BindingsPanel</name>
    <message>
        <source>Bind…</source>
        <translation>绑定…</translation>
    </message>
    <message>
        <source>Unbind</source>
        <translation>解除绑定</translation>
    </message>
    <message>
        <source>Remove the binding from exchange &apos;%1&apos; to %2 &apos;%3&apos; with routing key &apos;%4&apos;?</source>
        <translation>确定要删除从交换机“%1”到%2“%3”、路由键为“%4”的绑定吗？</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Removed the binding from &apos;%1&apos; to &apos;%2&apos;.</source>
        <translation>已删除从“%1”到“%2”的绑定。</translation>
    </message>
    <message>
        <source>Could not remove the binding from &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>无法删除从“%1”到“%2”的绑定</translation>
    </message>
</context>
<context>
    <name>warren::ui::BodyEditor</name>
    <message>
        <source>Load from file…</source>
        <translation>从文件加载…</translation>
    </message>
    <message>
        <source>Type instead</source>
        <translation>改为手动输入</translation>
    </message>
    <message>
        <source>The message body, sent as UTF-8</source>
        <translation>消息体，以 UTF-8 编码发送</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>(binary content, not shown)</source>
        <translation>（二进制内容，不显示）</translation>
    </message>
    <message>
        <source>%1 bytes from %2, sent as they are</source>
        <translation>来自 %2 的 %1 字节，按原样发送</translation>
    </message>
    <message>
        <source>Message body</source>
        <translation>消息体</translation>
    </message>
</context>
<context>
    <name>warren::ui::BrokerStatusLine</name>
    <message>
        <source>Starting the broker…</source>
        <translation>正在启动代理…</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Broker stopped</source>
        <translation>代理已停止</translation>
    </message>
    <message>
        <source>The broker could not start: %1</source>
        <translation>代理无法启动：%1</translation>
    </message>
    <message>
        <source>Up %1</source>
        <translation>已运行 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n 个连接</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 messages ready · %2 unacknowledged</source>
        <translation>%1 条消息就绪 · %2 条未确认</translation>
    </message>
    <message>
        <source>%1 msg/s in · %2 msg/s out</source>
        <translation>流入 %1 条/秒 · 流出 %2 条/秒</translation>
    </message>
    <message>
        <source>%1d %2h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Stopping the broker: clients are told it is shutting down…</source>
        <translation>正在停止代理：正在通知客户端代理即将关闭…</translation>
    </message>
    <message>
        <source>Listening on %1; AMQPS (TLS) on %2</source>
        <translation>正在监听 %1；AMQPS（TLS）监听 %2</translation>
    </message>
</context>
<context>
    <name>warren::ui::CellText</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
</context>
<context>
    <name>warren::ui::ClientDialog</name>
    <message>
        <source>The connection name (connection_name) the broker shows for this client</source>
        <translation>代理为此客户端显示的连接名（connection_name）</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Declare it first, as the tutorials do on both sides</source>
        <translation>先声明它，就像教程在两端都做的那样</translation>
    </message>
    <message>
        <source>Durable</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>队列：</translation>
    </message>
    <message>
        <source>Add and start</source>
        <translation>添加并启动</translation>
    </message>
</context>
<context>
    <name>warren::ui::ConnectionsPanel</name>
    <message>
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <source>Close the connection from %1 (user &apos;%2&apos;)? The client is told this reason:</source>
        <translation>确定要关闭来自 %1（用户“%2”）的连接吗？客户端将收到以下原因：</translation>
    </message>
    <message>
        <source>Closed via Warren explorer</source>
        <translation>已通过 Warren 管理界面关闭</translation>
    </message>
    <message>
        <source>Closed the connection from %1.</source>
        <translation>已关闭来自 %1 的连接。</translation>
    </message>
    <message>
        <source>Could not close the connection from %1</source>
        <translation>无法关闭来自 %1 的连接</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at %2</source>
        <translation>“%1”（%2）</translation>
    </message>
</context>
<context>
    <name>warren::ui::ConsumerDialog</name>
    <message>
        <source>Add consumer</source>
        <translation>添加消费者</translation>
    </message>
    <message>
        <source>Acknowledgement</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Manual ack, after processing</source>
        <translation>手动确认，处理之后</translation>
    </message>
    <message>
        <source>Automatic ack, on delivery</source>
        <translation>自动确认，投递之时</translation>
    </message>
    <message>
        <source>Ack:</source>
        <translation>确认：</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Prefetch:</source>
        <translation>预取：</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Processing:</source>
        <translation>处理时间：</translation>
    </message>
    <message>
        <source>at message %1</source>
        <translation>在第 %1 条消息</translation>
    </message>
    <message>
        <source>Then:</source>
        <translation>然后：</translation>
    </message>
    <message>
        <source>Sharing the queue</source>
        <translation>共享队列</translation>
    </message>
    <message>
        <source>Exclusive consumer</source>
        <translation>独占消费者</translation>
    </message>
    <message>
        <source>x-priority, as RabbitMQ&apos;s consumer priorities</source>
        <translation>x-priority，即 RabbitMQ 的消费者优先级</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>Channels of its one connection, each with a consumer of its own</source>
        <translation>它那一个连接上的信道，每个信道都有自己的消费者</translation>
    </message>
    <message>
        <source>Channels:</source>
        <translation>信道：</translation>
    </message>
    <message>
        <source>RPC server: reply to each request</source>
        <translation>RPC 服务器：回复每个请求</translation>
    </message>
</context>
<context>
    <name>warren::ui::DeclareDialog</name>
    <message>
        <source>Virtual host:</source>
        <translation>虚拟主机：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
</context>
<context>
    <name>warren::ui::DeclareExchangeDialog</name>
    <message>
        <source>Add exchange</source>
        <translation>添加交换机</translation>
    </message>
    <message>
        <source>Durable</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>The exchange survives a broker restart.</source>
        <translation>代理重启后交换机仍然保留。</translation>
    </message>
    <message>
        <source>Auto delete</source>
        <translation>自动删除</translation>
    </message>
    <message>
        <source>The exchange is deleted when its last binding is removed.</source>
        <translation>最后一个绑定被移除时，交换机随之删除。</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>Clients cannot publish to it; only exchanges bound to it route messages into it.</source>
        <translation>客户端无法向其发布消息；只有绑定到它的交换机才能将消息路由进来。</translation>
    </message>
    <message>
        <source>e.g. logs</source>
        <translation>例如 logs</translation>
    </message>
    <message>
        <source>Routes %1.</source>
        <translation>将消息路由%1。</translation>
    </message>
    <message>
        <source>Enter a name for the exchange.</source>
        <translation>请输入交换机名称。</translation>
    </message>
</context>
<context>
    <name>warren::ui::DeclareQueueDialog</name>
    <message>
        <source>Add queue</source>
        <translation>添加队列</translation>
    </message>
    <message>
        <source>Durable</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>Auto delete</source>
        <translation>自动删除</translation>
    </message>
    <message>
        <source>The queue is deleted when its last consumer goes away (not before it has had one).</source>
        <translation>最后一个消费者断开时删除队列（从未有过消费者时不会删除）。</translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation>排他</translation>
    </message>
    <message>
        <source>Only the connection that declared it may use the queue, and it is deleted when that connection closes; declared here, that is the explorer&apos;s own connection.</source>
        <translation>只有声明该队列的连接可以使用它，该连接关闭时队列即被删除；在此处声明时，该连接就是管理界面自身的连接。</translation>
    </message>
    <message>
        <source>e.g. orders</source>
        <translation>例如 orders</translation>
    </message>
    <message>
        <source>Classic</source>
        <translation>经典</translation>
    </message>
    <message>
        <source>Quorum</source>
        <translation>仲裁</translation>
    </message>
    <message>
        <source>Classic queues keep messages on this node; quorum queues are replicated logs, always durable, with a delivery limit.</source>
        <translation>经典队列将消息保存在本节点上；仲裁队列是复制日志，始终持久化，并有投递次数上限。</translation>
    </message>
    <message>
        <source>Enter a name for the queue.</source>
        <translation>请输入队列名称。</translation>
    </message>
    <message>
        <source>x-queue-type: choose the queue type in the Type box</source>
        <translation>x-queue-type：请在“类型”框中选择队列类型</translation>
    </message>
    <message>
        <source>The queue survives a broker restart, with its persistent messages (delivery mode 2) only: transient messages in it are lost.</source>
        <translation>队列在代理重启后仍然存在，但只保留其中的持久消息（delivery mode 2）：非持久消息会丢失。</translation>
    </message>
    <message>
        <source>A durable queue survives a restart, but keeps only its persistent messages (delivery mode 2); transient ones are lost.</source>
        <translation>持久化队列在重启后仍然存在，但只保留持久消息（delivery mode 2）；非持久消息会丢失。</translation>
    </message>
</context>
<context>
    <name>warren::ui::DefinitionsTransfer</name>
    <message>
        <source>Definitions (*.json);;All files (*)</source>
        <translation>定义文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export definitions</source>
        <translation>导出定义</translation>
    </message>
    <message>
        <source>Definitions exported to %1</source>
        <translation>定义已导出到 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Import definitions</source>
        <translation>导入定义</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Definitions imported from %1</source>
        <translation>已从 %1 导入定义</translation>
    </message>
</context>
<context>
    <name>warren::ui::EntityModels</name>
    <message>
        <source>C</source>
        <comment>publisher confirms</comment>
        <translation>C</translation>
    </message>
    <message>
        <source>T</source>
        <comment>transactional</comment>
        <translation>T</translation>
    </message>
    <message>
        <source>Publisher confirms</source>
        <translation>发布者确认</translation>
    </message>
    <message>
        <source>Transactional</source>
        <translation>事务</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>The client&apos;s address and port</source>
        <translation>客户端的地址和端口</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation>虚拟主机</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>The product the client named in its client properties</source>
        <translation>客户端在其客户端属性中声明的产品名称</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>The client library&apos;s version</source>
        <translation>客户端库的版本</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>信道</translation>
    </message>
    <message>
        <source>Channels open on this connection</source>
        <translation>此连接上打开的信道数</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>心跳</translation>
    </message>
    <message>
        <source>Heartbeat interval in seconds agreed with the client; 0: none</source>
        <translation>与客户端协商的心跳间隔（秒）；0 表示无心跳</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Blocked: publishing is paused by a memory or disk alarm</source>
        <translation>已阻塞：因内存或磁盘告警而暂停发布</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>已阻塞</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>连接时间</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Messages published per second</source>
        <translation>每秒发布的消息数</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Messages delivered to consumers or fetched per second</source>
        <translation>每秒投递给消费者或被获取的消息数</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>信道</translation>
    </message>
    <message>
        <source>The channel&apos;s number on its connection</source>
        <translation>信道在其所属连接上的编号</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>C: publisher confirms, T: transactional</source>
        <translation>C：发布者确认，T：事务</translation>
    </message>
    <message>
        <source>Prefetch</source>
        <translation>预取</translation>
    </message>
    <message>
        <source>basic.qos prefetch count for each new consumer; 0: unlimited</source>
        <translation>每个新消费者的 basic.qos 预取数量；0 表示不限</translation>
    </message>
    <message>
        <source>Global prefetch</source>
        <translation>全局预取</translation>
    </message>
    <message>
        <source>basic.qos prefetch count shared by the channel; 0: unlimited</source>
        <translation>整个信道共享的 basic.qos 预取数量；0 表示不限</translation>
    </message>
    <message>
        <source>Unacked</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Messages delivered and not yet acknowledged</source>
        <translation>已投递但尚未确认的消息</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Messages delivered or fetched per second</source>
        <translation>每秒投递或被获取的消息数</translation>
    </message>
    <message>
        <source>Ack</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Messages acknowledged per second</source>
        <translation>每秒确认的消息数</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Consumer tag</source>
        <translation>消费者标签</translation>
    </message>
    <message>
        <source>Ack required</source>
        <translation>需要确认</translation>
    </message>
    <message>
        <source>The consumer acknowledges each message (no-ack off)</source>
        <translation>消费者需确认每条消息（no-ack 关闭）</translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation>排他</translation>
    </message>
    <message>
        <source>The only consumer the queue may have</source>
        <translation>该队列唯一允许的消费者</translation>
    </message>
    <message>
        <source>Unacknowledged messages it may hold; 0: unlimited</source>
        <translation>可持有的未确认消息数；0 表示不限</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>x-priority: higher priorities get messages first</source>
        <translation>x-priority：优先级越高越先收到消息</translation>
    </message>
    <message>
        <source>Messages delivered to it and not yet acknowledged</source>
        <translation>已投递给它但尚未确认的消息</translation>
    </message>
    <message>
        <source>D</source>
        <comment>durable</comment>
        <translation>D</translation>
    </message>
    <message>
        <source>durable</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>AD</source>
        <comment>auto-delete</comment>
        <translation>AD</translation>
    </message>
    <message>
        <source>auto-delete</source>
        <translation>自动删除</translation>
    </message>
    <message>
        <source>I</source>
        <comment>internal</comment>
        <translation>I</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Exp</source>
        <translation>Exp</translation>
    </message>
    <message>
        <source>Lim</source>
        <translation>Lim</translation>
    </message>
    <message>
        <source>Lim B</source>
        <translation>Lim B</translation>
    </message>
    <message>
        <source>Ovfl</source>
        <translation>Ovfl</translation>
    </message>
    <message>
        <source>DLX</source>
        <translation>DLX</translation>
    </message>
    <message>
        <source>DLK</source>
        <translation>DLK</translation>
    </message>
    <message>
        <source>Pri</source>
        <translation>Pri</translation>
    </message>
    <message>
        <source>SAC</source>
        <translation>SAC</translation>
    </message>
    <message>
        <source>DlvLim</source>
        <translation>DlvLim</translation>
    </message>
    <message>
        <source>Args</source>
        <comment>other arguments</comment>
        <translation>Args</translation>
    </message>
    <message>
        <source>Excl</source>
        <comment>exclusive</comment>
        <translation>Excl</translation>
    </message>
    <message>
        <source>exclusive</source>
        <translation>排他</translation>
    </message>
    <message>
        <source>(AMQP default)</source>
        <translation>（AMQP 默认）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特性</translation>
    </message>
    <message>
        <source>D: durable, AD: auto-delete, I: internal</source>
        <translation>D：持久化，AD：自动删除，I：内部</translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Bindings out</source>
        <translation>出向绑定</translation>
    </message>
    <message>
        <source>Bindings with this exchange as their source</source>
        <translation>以此交换机为源的绑定</translation>
    </message>
    <message>
        <source>Bindings in</source>
        <translation>入向绑定</translation>
    </message>
    <message>
        <source>Exchange-to-exchange bindings to this exchange</source>
        <translation>指向此交换机的交换机间绑定</translation>
    </message>
    <message>
        <source>Publish in</source>
        <translation>发布流入</translation>
    </message>
    <message>
        <source>Messages published to this exchange per second</source>
        <translation>每秒发布到此交换机的消息数</translation>
    </message>
    <message>
        <source>classic or quorum (the x-queue-type argument)</source>
        <translation>classic 或 quorum（x-queue-type 参数）</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Messages waiting to be delivered</source>
        <translation>等待投递的消息</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>Ready and unacknowledged</source>
        <translation>就绪与未确认消息之和</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Size of the ready messages&apos; bodies</source>
        <translation>就绪消息的消息体大小</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>流入</translation>
    </message>
    <message>
        <source>Messages enqueued per second</source>
        <translation>每秒入队的消息数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源</translation>
    </message>
    <message>
        <source>The exchange messages come from</source>
        <translation>消息来源的交换机</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Destination type</source>
        <translation>目标类型</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Routing key</source>
        <translation>路由键</translation>
    </message>
    <message>
        <source>Header matching for headers exchanges</source>
        <translation>headers 交换机的消息头匹配条件</translation>
    </message>
    <message>
        <source>Exchanges</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Messages waiting in its queues</source>
        <translation>其队列中等待的消息</translation>
    </message>
    <message>
        <source>Messages delivered from its queues and not yet acknowledged</source>
        <translation>从其队列投递但尚未确认的消息</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Client connections opened on it</source>
        <translation>在其上打开的客户端连接</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>administrator, monitoring, management, policymaker, ...</source>
        <translation>administrator, monitoring, management, policymaker, ...</translation>
    </message>
    <message>
        <source>Can access virtual hosts</source>
        <translation>可访问的虚拟主机</translation>
    </message>
    <message>
        <source>The virtual hosts this user may open</source>
        <translation>此用户可以打开的虚拟主机</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The connection_name the client gave in its client properties (in pika: client_properties={&apos;connection_name&apos;: ...}); empty if it gave none</source>
        <translation>客户端在其客户端属性中给出的 connection_name（pika 中为 client_properties={&apos;connection_name&apos;: ...}）；未给出则为空</translation>
    </message>
    <message>
        <source>The client&apos;s connection_name, or its address when it gave none</source>
        <translation>客户端的 connection_name；未给出时显示其地址</translation>
    </message>
    <message>
        <source>Published to</source>
        <translation>发布到</translation>
    </message>
    <message>
        <source>The exchanges this channel published to, with how many messages each</source>
        <translation>此信道发布到的交换机，以及发往每个交换机的消息数</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已投递</translation>
    </message>
    <message>
        <source>Messages delivered to this consumer since it started</source>
        <translation>自此消费者开始以来投递给它的消息数</translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation>重新投递</translation>
    </message>
    <message>
        <source>Of those, messages that had been delivered before (to it or to another consumer) and came back: requeued, or left unacknowledged by a consumer that went away</source>
        <translation>其中之前已投递过（给它或给其他消费者）又回到队列的消息：被重新入队，或因消费者离开而未被确认</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Messages this consumer acknowledged</source>
        <translation>此消费者已确认的消息数</translation>
    </message>
    <message>
        <source>message time-to-live</source>
        <translation>消息存活时间（TTL）</translation>
    </message>
    <message>
        <source>queue expires when unused</source>
        <translation>队列闲置后过期</translation>
    </message>
    <message>
        <source>maximum length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>maximum size in bytes</source>
        <translation>最大字节数</translation>
    </message>
    <message>
        <source>what happens when full</source>
        <translation>队列满时的处理方式</translation>
    </message>
    <message>
        <source>dead-letter exchange</source>
        <translation>死信交换机</translation>
    </message>
    <message>
        <source>dead-letter routing key</source>
        <translation>死信路由键</translation>
    </message>
    <message>
        <source>message priorities</source>
        <translation>消息优先级</translation>
    </message>
    <message>
        <source>single active consumer</source>
        <translation>单一活跃消费者</translation>
    </message>
    <message>
        <source>delivery limit</source>
        <translation>投递次数上限</translation>
    </message>
    <message>
        <source>queue mode (lazy)</source>
        <translation>队列模式（lazy）</translation>
    </message>
    <message>
        <source>other arguments</source>
        <translation>其他参数</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>特性：</translation>
    </message>
    <message>
        <source>internal: only other exchanges publish to it</source>
        <translation>内部：只有其他交换机能向它发布</translation>
    </message>
    <message>
        <source>D: durable, AD: auto-delete, Excl: exclusive, then the arguments set (the legend under the table says what each abbreviation means)</source>
        <translation>D：持久化，AD：自动删除，Excl：排他，然后是已设置的参数（表格下方的图例说明每个缩写的含义）</translation>
    </message>
    <message>
        <source>running, or paused: deliveries to consumers held (step mode)</source>
        <translation>运行中，或已暂停：暂缓向消费者投递（单步模式）</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>%1 returned</source>
        <translation>%1 条退回</translation>
    </message>
    <message>
        <source>%1 returned: unroutable, published as mandatory, sent back with basic.return</source>
        <translation>%1 条退回：无法路由，且以 mandatory 方式发布，用 basic.return 退回给发布者</translation>
    </message>
    <message>
        <source>%1 unroutable</source>
        <translation>%1 条无法路由</translation>
    </message>
    <message>
        <source>%1 unroutable: no queue matched and not mandatory, dropped without a word</source>
        <translation>%1 条无法路由：没有匹配的队列且未设置 mandatory，被静默丢弃</translation>
    </message>
    <message>
        <source>%1 dead-lettered</source>
        <translation>%1 条转为死信</translation>
    </message>
    <message>
        <source>%1 dead-lettered: republished to a dead-letter exchange (x-dead-letter-exchange)</source>
        <translation>%1 条转为死信：重新发布到死信交换机（x-dead-letter-exchange）</translation>
    </message>
    <message>
        <source>%1 expired</source>
        <translation>%1 条过期</translation>
    </message>
    <message>
        <source>%1 expired: their time-to-live passed while they waited</source>
        <translation>%1 条过期：在等待期间超过了存活时间</translation>
    </message>
    <message>
        <source>%1 overflowed</source>
        <translation>%1 条溢出</translation>
    </message>
    <message>
        <source>%1 overflowed: a full queue dropped or refused them (x-max-length, x-max-length-bytes)</source>
        <translation>%1 条溢出：队列已满，消息被丢弃或拒绝（x-max-length、x-max-length-bytes）</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>running, or paused: its queues hold deliveries to consumers (step mode)</source>
        <translation>运行中，或已暂停：其队列暂缓向消费者投递（单步模式）</translation>
    </message>
    <message>
        <source>Firehose</source>
        <translation>Firehose</translation>
    </message>
    <message>
        <source>Tracing on: every publish and delivery in this virtual host is copied to the exchange amq.rabbitmq.trace (rabbitmqctl trace_on)</source>
        <translation>追踪已开启：此虚拟主机中的每次发布和投递都会复制到交换机 amq.rabbitmq.trace（rabbitmqctl trace_on）</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>未正常投递</translation>
    </message>
    <message>
        <source>Messages that did not simply go from a publisher to a consumer since the broker started: returned, unroutable, dead-lettered, expired, overflowed (the cell&apos;s tooltip says what each means)</source>
        <translation>自代理启动以来，没有直接从发布者到达消费者的消息：退回、无法路由、转为死信、过期、溢出（单元格的提示说明每一项的含义）</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list in a cell</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <comment>a permission pattern that allows nothing</comment>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Per virtual host: configure | write | read, RabbitMQ&apos;s regular expressions over the names of exchanges and queues; (nothing) allows nothing</source>
        <translation>按虚拟主机列出：配置 | 写入 | 读取，即 RabbitMQ 针对交换机和队列名称的正则表达式；（无）表示什么都不允许</translation>
    </message>
    <message>
        <source>Permissions: configure | write | read</source>
        <translation>权限：配置 | 写 | 读</translation>
    </message>
</context>
<context>
    <name>warren::ui::EntityPanel</name>
    <message>
        <source>Filter</source>
        <translation>过滤</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
</context>
<context>
    <name>warren::ui::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>The number the broker gave the message when it was published: every event about the same message has the same number. Double-click a row to follow its message.</source>
        <translation>消息发布时代理给它的编号：关于同一条消息的所有事件编号相同。双击一行即可跟踪该消息。</translation>
    </message>
    <message>
        <source>The client&apos;s connection_name, or its address when it gave none</source>
        <translation>客户端的 connection_name；未给出时显示其地址</translation>
    </message>
    <message>
        <source>the explorer</source>
        <translation>管理界面</translation>
    </message>
</context>
<context>
    <name>warren::ui::EventLogView</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>所有事件</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>过滤</translation>
    </message>
</context>
<context>
    <name>warren::ui::EventText</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Connections and consumers</source>
        <translation>连接和消费者</translation>
    </message>
    <message>
        <source>Declarations and bindings</source>
        <translation>声明和绑定</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>routed</source>
        <translation>已路由</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>unroutable</source>
        <translation>无法路由</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认发布</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已投递</translation>
    </message>
    <message>
        <source>fetched</source>
        <translation>已获取</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>requeued</source>
        <translation>已重新入队</translation>
    </message>
    <message>
        <source>dead-lettered</source>
        <translation>已转为死信</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>consumer added</source>
        <translation>新增消费者</translation>
    </message>
    <message>
        <source>consumer cancelled</source>
        <translation>消费者已取消</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>连接丢失</translation>
    </message>
    <message>
        <source>queue declared</source>
        <translation>队列已声明</translation>
    </message>
    <message>
        <source>queue deleted</source>
        <translation>队列已删除</translation>
    </message>
    <message>
        <source>exchange declared</source>
        <translation>交换机已声明</translation>
    </message>
    <message>
        <source>exchange deleted</source>
        <translation>交换机已删除</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <source>unbound</source>
        <translation>已解绑</translation>
    </message>
    <message>
        <source>the default exchange</source>
        <translation>默认交换机</translation>
    </message>
    <message>
        <source>persistent</source>
        <translation>持久</translation>
    </message>
    <message>
        <source>mandatory</source>
        <translation>mandatory</translation>
    </message>
    <message>
        <source>in a transaction</source>
        <translation>在事务中</translation>
    </message>
    <message>
        <source>%1 published to %2 with key &apos;%3&apos;</source>
        <translation>%1 以路由键“%3”发布到 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>returned to the publisher: no queue matched key &apos;%1&apos; at %2 (it was published as mandatory)</source>
        <translation>退回给发布者：%2 上没有队列匹配路由键“%1”（它以 mandatory 方式发布）</translation>
    </message>
    <message>
        <source>dropped: no queue matched key &apos;%1&apos; at %2 (not mandatory, so the publisher is not told)</source>
        <translation>已丢弃：%2 上没有队列匹配路由键“%1”（未设置 mandatory，因此不会通知发布者）</translation>
    </message>
    <message>
        <source>refused: queue &apos;%1&apos; is full (x-overflow reject-publish), the publisher gets a nack</source>
        <translation>被拒收：队列“%1”已满（x-overflow reject-publish），发布者收到 nack</translation>
    </message>
    <message>
        <source>not confirmed: %1 gets basic.nack (delivery tag %2)</source>
        <translation>未确认：%1 收到 basic.nack（投递标签 %2）</translation>
    </message>
    <message>
        <source>confirmed to %1 once written to disk (basic.ack, delivery tag %2)</source>
        <translation>写入磁盘后向 %1 确认（basic.ack，投递标签 %2）</translation>
    </message>
    <message>
        <source>confirmed to %1 (basic.ack, delivery tag %2)</source>
        <translation>已向 %1 确认（basic.ack，投递标签 %2）</translation>
    </message>
    <message>
        <source>delivered to %1 from &apos;%2&apos;</source>
        <translation>从“%2”投递给 %1</translation>
    </message>
    <message>
        <source>%1 (redelivered)</source>
        <translation>%1（重新投递）</translation>
    </message>
    <message>
        <source>%1 (no acknowledgement expected)</source>
        <translation>%1（无需确认）</translation>
    </message>
    <message>
        <source>fetched from &apos;%1&apos; by %2 with basic.get</source>
        <translation>%2 用 basic.get 从“%1”取走</translation>
    </message>
    <message>
        <source>rejected without requeue</source>
        <translation>被拒绝且未重新入队</translation>
    </message>
    <message>
        <source>its time-to-live passed</source>
        <translation>超过了存活时间</translation>
    </message>
    <message>
        <source>the queue was full</source>
        <translation>队列已满</translation>
    </message>
    <message>
        <source>it reached the delivery limit</source>
        <translation>达到了投递次数上限</translation>
    </message>
    <message>
        <source>dead-lettered from &apos;%1&apos; (%2): republished to %3 with key &apos;%4&apos;</source>
        <translation>从“%1”转为死信（%2）：以路由键“%4”重新发布到 %3</translation>
    </message>
    <message>
        <source>%1 as message #%2</source>
        <translation>%1，成为消息 #%2</translation>
    </message>
    <message>
        <source>expired in &apos;%1&apos;: its time-to-live passed before anyone took it</source>
        <translation>在“%1”中过期：在被取走之前超过了存活时间</translation>
    </message>
    <message>
        <source>dropped from &apos;%1&apos;: it reached the delivery limit (x-delivery-limit)</source>
        <translation>从“%1”丢弃：达到了投递次数上限（x-delivery-limit）</translation>
    </message>
    <message>
        <source>dropped from &apos;%1&apos;: the queue was full (x-max-length)</source>
        <translation>从“%1”丢弃：队列已满（x-max-length）</translation>
    </message>
    <message>
        <source>%1 started consuming from &apos;%2&apos; without acknowledgements (consumer tag &apos;%3&apos;)</source>
        <translation>%1 开始从“%2”消费，无需确认（消费者标签“%3”）</translation>
    </message>
    <message>
        <source>%1 started consuming from &apos;%2&apos; (consumer tag &apos;%3&apos;)</source>
        <translation>%1 开始从“%2”消费（消费者标签“%3”）</translation>
    </message>
    <message>
        <source>%1 stopped consuming from &apos;%2&apos; (consumer tag &apos;%3&apos;)</source>
        <translation>%1 停止从“%2”消费（消费者标签“%3”）</translation>
    </message>
    <message>
        <source>%1 connected as &apos;%2&apos; to virtual host &apos;%3&apos;</source>
        <translation>%1 以用户“%2”连接到虚拟主机“%3”</translation>
    </message>
    <message>
        <source>%1 connected from %2 as &apos;%3&apos; to virtual host &apos;%4&apos;</source>
        <translation>%1 从 %2 以用户“%3”连接到虚拟主机“%4”</translation>
    </message>
    <message>
        <source>%1 closed its connection</source>
        <translation>%1 关闭了连接</translation>
    </message>
    <message>
        <source>%1 closed its connection (%2)</source>
        <translation>%1 关闭了连接（%2）</translation>
    </message>
    <message>
        <source>%1 lost its connection</source>
        <translation>%1 的连接丢失</translation>
    </message>
    <message>
        <source>%1 lost its connection (%2)</source>
        <translation>%1 的连接丢失（%2）</translation>
    </message>
    <message>
        <source>queue &apos;%1&apos; declared</source>
        <translation>队列“%1”已声明</translation>
    </message>
    <message>
        <source>queue &apos;%1&apos; deleted</source>
        <translation>队列“%1”已删除</translation>
    </message>
    <message>
        <source>exchange %1 (%2) declared</source>
        <translation>交换机 %1（%2）已声明</translation>
    </message>
    <message>
        <source>exchange %1 deleted</source>
        <translation>交换机 %1 已删除</translation>
    </message>
    <message>
        <source>exchange &apos;%1&apos;</source>
        <translation>交换机“%1”</translation>
    </message>
    <message>
        <source>queue &apos;%1&apos;</source>
        <translation>队列“%1”</translation>
    </message>
    <message>
        <source>%1 bound to %2 with key &apos;%3&apos;</source>
        <translation>%1 以路由键“%3”绑定到 %2</translation>
    </message>
    <message>
        <source>%1 unbound from %2 (key &apos;%3&apos;)</source>
        <translation>%1 已从 %2 解绑（路由键“%3”）</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by the default exchange (the key is the queue&apos;s name)</source>
        <translation>由默认交换机路由到“%1”（路由键就是队列名）</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by alternate exchange %2 (nothing else matched)</source>
        <translation>由备用交换机 %2 路由到“%1”（其他都不匹配）</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by binding &apos;%2&apos; of alternate exchange %3 (nothing else matched)</source>
        <translation>由备用交换机 %3 的绑定“%2”路由到“%1”（其他都不匹配）</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by its binding to %2, reached through an exchange-to-exchange binding</source>
        <translation>经由交换机到交换机的绑定到达 %2，再由其绑定路由到“%1”</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by binding &apos;%2&apos; of %3, reached through an exchange-to-exchange binding</source>
        <translation>经由交换机到交换机的绑定到达 %3，再由绑定“%2”路由到“%1”</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by its binding to %2</source>
        <translation>由其与 %2 的绑定路由到“%1”</translation>
    </message>
    <message>
        <source>routed to &apos;%1&apos; by binding &apos;%2&apos;</source>
        <translation>由绑定“%2”路由到“%1”</translation>
    </message>
    <message>
        <source>acknowledged by %1: &apos;%2&apos; forgets it</source>
        <translation>%1 已确认：“%2”将其删除</translation>
    </message>
    <message>
        <source>rejected by %1 with basic.nack: it leaves &apos;%2&apos;</source>
        <translation>%1 用 basic.nack 拒绝：消息离开“%2”</translation>
    </message>
    <message>
        <source>rejected by %1 with basic.reject: it leaves &apos;%2&apos;</source>
        <translation>%1 用 basic.reject 拒绝：消息离开“%2”</translation>
    </message>
    <message>
        <source>basic.nack with requeue</source>
        <translation>带 requeue 的 basic.nack</translation>
    </message>
    <message>
        <source>basic.reject with requeue</source>
        <translation>带 requeue 的 basic.reject</translation>
    </message>
    <message>
        <source>basic.recover</source>
        <translation>basic.recover</translation>
    </message>
    <message>
        <source>channel closed</source>
        <translation>信道已关闭</translation>
    </message>
    <message>
        <source>requeued (%1): &apos;%2&apos; will deliver it again, marked redelivered</source>
        <translation>已重新入队（%1）：“%2”会再次投递它，并标记为重新投递</translation>
    </message>
    <message>
        <source>virtual host &apos;%1&apos;</source>
        <translation>虚拟主机“%1”</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>信道 %1</translation>
    </message>
    <message>
        <source>consumer tag &apos;%1&apos;</source>
        <translation>消费者标签“%1”</translation>
    </message>
    <message>
        <source>delivery tag %1</source>
        <translation>投递标签 %1</translation>
    </message>
</context>
<context>
    <name>warren::ui::EventsPanel</name>
    <message>
        <source>Show all messages</source>
        <translation>显示所有消息</translation>
    </message>
    <message>
        <source>What the broker does with each message, as it happens. Events are recorded only while this page is open. Double-click a row to follow its message.</source>
        <translation>代理对每条消息所做的事，实时显示。只有在此页面打开时才记录事件。双击一行即可跟踪该消息。</translation>
    </message>
    <message>
        <source>Pause scrolling</source>
        <translation>暂停滚动</translation>
    </message>
    <message>
        <source>Keep the table still to read it: new events wait and are added when you continue</source>
        <translation>让表格保持不动以便阅读：新事件会等待，继续时再加入</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Following message #%1 (and its dead-lettered copies)</source>
        <translation>正在跟踪消息 #%1（及其死信副本）</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>代理没有在运行。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s) in the log; it keeps the last %1.</source>
        <translation>
            <numerusform>日志中有 %Ln 个事件；最多保留最近的 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 events not shown: tracing 1 in %2 messages past %3 messages/s.</source>
        <translation>%1 个事件未显示：每秒超过 %3 条消息后，只追踪每 %2 条消息中的 1 条。</translation>
    </message>
    <message>
        <source>%1 events lost: the explorer could not keep up.</source>
        <translation>%1 个事件丢失：管理界面处理不过来。</translation>
    </message>
    <message numerus="yes">
        <source>Scrolling paused: %Ln new event(s) waiting.</source>
        <translation>
            <numerusform>滚动已暂停：%Ln 个新事件在等待。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warren::ui::ExchangesPanel</name>
    <message>
        <source>Declare exchange…</source>
        <translation>声明交换机…</translation>
    </message>
    <message>
        <source>Bind…</source>
        <translation>绑定…</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete exchange</source>
        <translation>删除交换机</translation>
    </message>
    <message>
        <source>Delete exchange &apos;%1&apos; in virtual host &apos;%2&apos; and its bindings?</source>
        <translation>确定要删除虚拟主机“%2”中的交换机“%1”及其绑定吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Only if unused</source>
        <translation>仅在未使用时</translation>
    </message>
    <message>
        <source>Refuse if the exchange is the source of any binding</source>
        <translation>如果该交换机是任何绑定的源，则拒绝删除</translation>
    </message>
    <message>
        <source>Deleted exchange &apos;%1&apos;.</source>
        <translation>已删除交换机“%1”。</translation>
    </message>
    <message>
        <source>Could not delete exchange &apos;%1&apos;</source>
        <translation>无法删除交换机“%1”</translation>
    </message>
</context>
<context>
    <name>warren::ui::ExplorerPanels</name>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>信道</translation>
    </message>
    <message>
        <source>Exchanges</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Bindings</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Virtual hosts</source>
        <translation>虚拟主机</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
</context>
<context>
    <name>warren::ui::FieldTableEditor</name>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Row %1: the name is missing</source>
        <translation>第 %1 行：缺少名称</translation>
    </message>
    <message>
        <source>%1: given twice</source>
        <translation>%1：重复指定</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>warren::ui::FlowExplanation</name>
    <message>
        <source>Click a moving message or a row of the log: the broker explains where it went and why.</source>
        <translation>点击一个移动中的消息或日志中的一行：代理会解释它去了哪里以及为什么。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why it went there&lt;/b&gt;</source>
        <translation>&lt;b&gt;为什么去了那里&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Message #%1, dead-lettered to %2 with key &apos;%3&apos;</source>
        <translation>消息 #%1，以路由键“%3”作为死信转发到 %2</translation>
    </message>
    <message>
        <source>Message #%1, published to %2 with key &apos;%3&apos;</source>
        <translation>消息 #%1，以路由键“%3”发布到 %2</translation>
    </message>
    <message>
        <source>Asking the broker…</source>
        <translation>正在询问代理…</translation>
    </message>
    <message>
        <source>No explanation: %1</source>
        <translation>无法解释：%1</translation>
    </message>
    <message>
        <source>The event log does not keep message headers: this is how the broker routes the key without headers.</source>
        <translation>事件日志不保存消息头：这里是代理对不带消息头的该路由键的路由方式。</translation>
    </message>
</context>
<context>
    <name>warren::ui::FlowPage</name>
    <message>
        <source>Only what has traffic</source>
        <translation>只显示有流量的部分</translation>
    </message>
    <message>
        <source>Virtual host:</source>
        <translation>虚拟主机：</translation>
    </message>
    <message>
        <source>Hide exchanges, queues and bindings that no message went through</source>
        <translation>隐藏没有任何消息经过的交换机、队列和绑定</translation>
    </message>
    <message>
        <source>Pause deliveries</source>
        <translation>暂停投递</translation>
    </message>
    <message>
        <source>Step mode for this virtual host (Space): </source>
        <translation>此虚拟主机的单步模式（空格键）：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Release one message to a consumer (N)</source>
        <translation>向消费者放行一条消息（N）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Let every held message go (Space)</source>
        <translation>放行所有被暂停的消息（空格键）</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>重新排列</translation>
    </message>
    <message>
        <source>Forget where nodes were dragged and lay the graph out again</source>
        <translation>忘记拖动过的节点位置，重新自动布局</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Write flow-&lt;date-time&gt;.svg and .png into the current directory (Ctrl+E)</source>
        <translation>将 flow-&lt;日期-时间&gt;.svg 和 .png 写入当前目录（Ctrl+E）</translation>
    </message>
    <message>
        <source>Export &amp;graph…</source>
        <translation>导出路由图(&amp;G)…</translation>
    </message>
    <message>
        <source>Save the routing graph as SVG and PNG</source>
        <translation>将路由图保存为 SVG 和 PNG</translation>
    </message>
    <message>
        <source>Where this message was published is not in the log: it came before the page was opened.</source>
        <translation>日志中没有这条消息的发布记录：它在打开此页面之前就已发布。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent events&lt;/b&gt; (click one to see its route)</source>
        <translation>&lt;b&gt;最近的事件&lt;/b&gt;（点击一行查看其路由）</translation>
    </message>
    <message>
        <source>Nothing to draw in virtual host &apos;%1&apos; yet: declare an exchange or a queue, or run a client.</source>
        <translation>虚拟主机“%1”中还没有可绘制的内容：请声明一个交换机或队列，或者运行一个客户端。</translation>
    </message>
    <message>
        <source>Dots: ● a message, ◆R redelivered, ■D dead-lettered, ◀ returned, ○ expired, ✕ dropped.</source>
        <translation>圆点：● 一条消息，◆R 重新投递，■D 死信，◀ 退回，○ 过期，✕ 丢弃。</translation>
    </message>
    <message>
        <source>Message #%1 was published before the page was opened: its route is not known.</source>
        <translation>消息 #%1 在打开此页面之前就已发布：不知道它的路由。</translation>
    </message>
    <message>
        <source>Could not change step mode: %1</source>
        <translation>无法切换单步模式：%1</translation>
    </message>
    <message>
        <source>Deliveries paused in virtual host &apos;%1&apos;: Step (N) releases one message.</source>
        <translation>虚拟主机“%1”中的投递已暂停：单步（N）放行一条消息。</translation>
    </message>
    <message>
        <source>Deliveries resumed in virtual host &apos;%1&apos;.</source>
        <translation>虚拟主机“%1”中的投递已恢复。</translation>
    </message>
    <message>
        <source>Routing graph of virtual host &apos;%1&apos;</source>
        <translation>虚拟主机“%1”的路由图</translation>
    </message>
    <message>
        <source>Graph exported to %1 and %2</source>
        <translation>路由图已导出到 %1 和 %2</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Export graph</source>
        <translation>导出路由图</translation>
    </message>
    <message>
        <source>SVG and PNG (*.svg)</source>
        <translation>SVG 和 PNG (*.svg)</translation>
    </message>
</context>
<context>
    <name>warren::ui::FlowText</name>
    <message>
        <source>(empty key)</source>
        <translation>（空路由键）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(no headers)</source>
        <translation>（无消息头）</translation>
    </message>
    <message>
        <source>(default exchange)</source>
        <translation>（默认交换机）</translation>
    </message>
    <message>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>%1 ready · %2 unacked</source>
        <translation>%1 条就绪 · %2 条未确认</translation>
    </message>
    <message>
        <source>%1 · paused</source>
        <translation>%1 · 已暂停</translation>
    </message>
    <message>
        <source>%1/%2 unacked</source>
        <translation>%1/%2 条未确认</translation>
    </message>
    <message>
        <source>%1 unacked, no limit</source>
        <translation>%1 条未确认，无上限</translation>
    </message>
    <message>
        <source>idle · %1</source>
        <translation>空闲 · %1</translation>
    </message>
    <message>
        <source>Connection &apos;%1&apos;: it published to the exchanges its arrows point to.</source>
        <translation>连接“%1”：它向箭头所指的交换机发布了消息。</translation>
    </message>
    <message>
        <source>Exchange %1 (%2): it keeps no messages, it passes each one to the queues whose bindings match.</source>
        <translation>交换机 %1（%2）：它不保存消息，而是把每条消息交给绑定匹配的队列。</translation>
    </message>
    <message>
        <source>Queue &apos;%1&apos;: %2 ready to deliver, %3 delivered and not yet acknowledged.</source>
        <translation>队列“%1”：%2 条等待投递，%3 条已投递但尚未确认。</translation>
    </message>
    <message>
        <source>Consumer &apos;%1&apos; on connection &apos;%2&apos;. Prefetch window: %3. %4</source>
        <translation>连接“%2”上的消费者“%1”。预取窗口：%3。%4</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无上限</translation>
    </message>
    <message>
        <source>Idle: nothing unacknowledged and no delivery in the last few seconds.</source>
        <translation>空闲：没有未确认的消息，最近几秒也没有收到投递。</translation>
    </message>
    <message>
        <source>Busy.</source>
        <translation>忙碌。</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>binding</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>exchange-to-exchange binding</source>
        <translation>交换机到交换机的绑定</translation>
    </message>
    <message>
        <source>alternate exchange</source>
        <translation>备用交换机</translation>
    </message>
    <message>
        <source>dead-letter route</source>
        <translation>死信路由</translation>
    </message>
    <message>
        <source>deliveries</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Moving dots: showing 1 in %1 messages (the broker traces a sample past its budget); the counters on the arrows are exact.</source>
        <translation>移动的圆点：每 %1 条消息显示 1 条（超出预算后代理只跟踪抽样）；箭头上的计数是精确的。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not animated: too many at once.</source>
        <translation>
            <numerusform>%Ln 条消息未显示动画：同时移动的太多。</numerusform>
        </translation>
    </message>
    <message>
        <source>exchange &apos;%1&apos;</source>
        <translation>交换机“%1”</translation>
    </message>
    <message>
        <source>queue &apos;%1&apos;</source>
        <translation>队列“%1”</translation>
    </message>
    <message>
        <source>%1 binding (%2) matched the headers: to %3</source>
        <translation>%1 绑定（%2）匹配了消息头：发往 %3</translation>
    </message>
    <message>
        <source>fanout binding: to %1</source>
        <translation>fanout 绑定：发往 %1</translation>
    </message>
    <message>
        <source>%1 binding %2 matched %3: to %4</source>
        <translation>%1 绑定 %2 匹配了 %3：发往 %4</translation>
    </message>
    <message>
        <source>no binding matched: returned to the publisher</source>
        <translation>没有绑定匹配：退回给发布者</translation>
    </message>
    <message>
        <source>no binding matched: dropped</source>
        <translation>没有绑定匹配：已丢弃</translation>
    </message>
    <message numerus="yes">
        <source>%Ln node(s) hidden: only the %1 busiest are drawn.</source>
        <translation>
            <numerusform>隐藏了 %Ln 个节点：只绘制最繁忙的 %1 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>requeued</source>
        <translation>已重新入队</translation>
    </message>
</context>
<context>
    <name>warren::ui::GetMessagesDialog</name>
    <message>
        <source>Get messages</source>
        <translation>获取消息</translation>
    </message>
    <message>
        <source>Get messages from %1</source>
        <translation>从 %1 获取消息</translation>
    </message>
    <message>
        <source>Nack message requeue true</source>
        <translation>Nack 消息，重新入队</translation>
    </message>
    <message>
        <source>Ack message requeue false</source>
        <translation>Ack 消息，不重新入队</translation>
    </message>
    <message>
        <source>Ack mode removes the messages from the queue: once shown here, they are gone.</source>
        <translation>确认模式会将消息从队列中移除：消息在此显示后即不复存在。</translation>
    </message>
    <message>
        <source>Messages:</source>
        <translation>消息数：</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>队列：</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in virtual host &apos;%2&apos;</source>
        <translation>虚拟主机“%2”中的“%1”</translation>
    </message>
    <message>
        <source>Ack mode:</source>
        <translation>确认模式：</translation>
    </message>
    <message>
        <source>#%1  %2 bytes%3</source>
        <translation>#%1  %2 字节%3</translation>
    </message>
    <message>
        <source>, redelivered</source>
        <translation>，已重新投递</translation>
    </message>
    <message>
        <source>The queue has no ready messages.</source>
        <translation>队列中没有就绪消息。</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 条消息</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 条消息</translation>
    </message>
    <message>
        <source>%1 taken out of the queue; %2 left.</source>
        <translation>已从队列中取出 %1；剩余 %2 条。</translation>
    </message>
    <message>
        <source>Requeue puts every message back in its place: it will be redelivered, with the redelivered flag set on its next delivery. Ack removes them.</source>
        <translation>重新入队会把每条消息放回原位：它将被重新投递，下次投递时带有 redelivered 标志。确认则会移除它们。</translation>
    </message>
    <message>
        <source>Messages put back will be redelivered: their next delivery, to a consumer or here, has the redelivered flag set.</source>
        <translation>放回的消息将被重新投递：下一次投递（给消费者或在这里获取）会带有 redelivered 标志。</translation>
    </message>
    <message>
        <source>%1 shown and put back; %2 in the queue. Those put back will be redelivered (redelivered flag set).</source>
        <translation>已显示并放回 %1；队列中共 %2 条。放回的消息将被重新投递（带有 redelivered 标志）。</translation>
    </message>
</context>
<context>
    <name>warren::ui::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
</context>
<context>
    <name>warren::ui::LessonsPage</name>
    <message>
        <source>The tutorial Warren grew from</source>
        <translation>Warren 起源的教程</translation>
    </message>
    <message>
        <source>RabbitMQ&apos;s tutorials</source>
        <translation>RabbitMQ 官方教程</translation>
    </message>
    <message>
        <source>Beyond the tutorials</source>
        <translation>教程之外</translation>
    </message>
    <message>
        <source>Start the lesson</source>
        <translation>开始课程</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Step and what to observe</source>
        <translation>步骤与应当观察到的现象</translation>
    </message>
    <message>
        <source>What the broker and the clients reported</source>
        <translation>代理和客户端报告的情况</translation>
    </message>
    <message>
        <source>Queues: %1.</source>
        <translation>队列：%1。</translation>
    </message>
    <message>
        <source>quorum</source>
        <translation>仲裁队列（quorum）</translation>
    </message>
    <message>
        <source>classic</source>
        <translation>经典队列（classic）</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>This lesson runs on a scratch broker at %1, beside your own: your broker, its data and its applications are not touched. The scratch broker is gone when the lesson ends.</source>
        <translation>本课程运行在 %1 的临时代理上，与你自己的代理并存：你的代理、数据和应用都不会被触碰。课程结束时临时代理随之消失。</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>重新播放</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步（共 %2 步）：%3</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>saw %1: %2</source>
        <translation>实际为 %1：%2</translation>
    </message>
    <message>
        <source>Lesson passed: every expectation held.</source>
        <translation>课程通过：每一项预期都成立。</translation>
    </message>
    <message>
        <source>Lesson finished: some expectations did not hold, their explanations say why.</source>
        <translation>课程结束：有些预期没有成立，说明中写了原因。</translation>
    </message>
    <message>
        <source>The lesson cannot go on: %1</source>
        <translation>课程无法继续：%1</translation>
    </message>
    <message>
        <source>Start the lesson: the routing graph of its broker appears here.</source>
        <translation>开始课程后，这里会显示其代理的路由图。</translation>
    </message>
    <message>
        <source>Routing graph</source>
        <translation>路由图</translation>
    </message>
    <message>
        <source>pika code</source>
        <translation>pika 代码</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Export as Python scripts…</source>
        <translation>导出为 Python 脚本…</translation>
    </message>
    <message>
        <source>The code of %1 is on the clipboard.</source>
        <translation>%1 的代码已复制到剪贴板。</translation>
    </message>
    <message>
        <source>pika code of</source>
        <translation>pika 代码：</translation>
    </message>
    <message>
        <source>Export the lesson&apos;s scripts into</source>
        <translation>把课程脚本导出到</translation>
    </message>
    <message>
        <source>The lesson&apos;s scripts are in %1 (README.txt says what to run when).</source>
        <translation>课程脚本已保存在 %1（README.txt 说明了运行的先后顺序）。</translation>
    </message>
    <message>
        <source>Could not export the scripts: %1</source>
        <translation>无法导出脚本：%1</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Deviate:</source>
        <translation>偏离：</translation>
    </message>
    <message>
        <source>Do one thing differently from the lesson, and see which expectation fails and why</source>
        <translation>换一种做法，看看哪一项预期会失败，以及为什么</translation>
    </message>
    <message>
        <source>No: as the lesson says</source>
        <translation>否：按课程进行</translation>
    </message>
    <message>
        <source>Deviating from the lesson: %1. Start it and watch which expectation turns ✗, and why.</source>
        <translation>偏离课程：%1。开始课程，观察哪一项预期变成 ✗，以及为什么。</translation>
    </message>
</context>
<context>
    <name>warren::ui::MainWindow</name>
    <message>
        <source>Warren</source>
        <translation>Warren</translation>
    </message>
    <message>
        <source>&amp;Start broker</source>
        <translation>启动代理(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top broker</source>
        <translation>停止代理(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Restart broker</source>
        <translation>重启代理(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export definitions…</source>
        <translation>导出定义(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import definitions…</source>
        <translation>导入定义(&amp;I)…</translation>
    </message>
    <message>
        <source>Save exchanges, queues, bindings, users and virtual hosts as a RabbitMQ definitions file</source>
        <translation>将交换机、队列、绑定、用户和虚拟主机保存为 RabbitMQ 定义文件</translation>
    </message>
    <message>
        <source>Create what a RabbitMQ definitions file describes</source>
        <translation>创建 RabbitMQ 定义文件中描述的对象</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Import definitions</source>
        <translation>导入定义</translation>
    </message>
    <message>
        <source>&amp;Broker</source>
        <translation>代理(&amp;B)</translation>
    </message>
    <message>
        <source>Broker</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>消息流</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>模拟器</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Broker se&amp;ttings…</source>
        <translation>代理设置(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>warren::ui::MessageViewer</name>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Payload as:</source>
        <translation>消息体显示为：</translation>
    </message>
    <message>
        <source>Exchange: %1    Routing key: %2    Redelivered: %3    Payload: %4 bytes</source>
        <translation>交换机：%1    路由键：%2    重新投递：%3    消息体：%4 字节</translation>
    </message>
    <message>
        <source>(AMQP default)</source>
        <translation>（AMQP 默认）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(no properties)</source>
        <translation>（无属性）</translation>
    </message>
</context>
<context>
    <name>warren::ui::MoveMessagesDialog</name>
    <message>
        <source>Move messages</source>
        <translation>移动消息</translation>
    </message>
    <message>
        <source>Move messages from %1</source>
        <translation>从 %1 移动消息</translation>
    </message>
    <message>
        <source>Moves every message ready in &apos;%1&apos; (%2 at the last refresh) to the end of the destination queue, properties unchanged. Messages out with consumers stay where they are.</source>
        <translation>将“%1”中的所有就绪消息（上次刷新时为 %2 条）移到目标队列末尾，属性保持不变。已投递给消费者的消息保持不动。</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in virtual host &apos;%2&apos;</source>
        <translation>虚拟主机“%2”中的“%1”</translation>
    </message>
    <message>
        <source>To queue:</source>
        <translation>目标队列：</translation>
    </message>
    <message>
        <source>Choose the queue to move the messages to.</source>
        <translation>请选择要将消息移至的队列。</translation>
    </message>
    <message>
        <source>Moved 1 message to &apos;%1&apos;.</source>
        <translation>已将 1 条消息移至“%1”。</translation>
    </message>
    <message>
        <source>Moved %1 messages to &apos;%2&apos;.</source>
        <translation>已将 %1 条消息移至“%2”。</translation>
    </message>
</context>
<context>
    <name>warren::ui::OverviewPanel</name>
    <message>
        <source>Message rates</source>
        <translation>消息速率</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>投递</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Redeliver</source>
        <translation>重新投递</translation>
    </message>
    <message>
        <source>msg/s</source>
        <translation>条/秒</translation>
    </message>
    <message>
        <source>Queued messages</source>
        <translation>队列中的消息</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; connections &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; queues &amp;nbsp; &lt;b&gt;%3&lt;/b&gt; ready &amp;nbsp; &lt;b&gt;%4&lt;/b&gt; unacknowledged &amp;nbsp; &lt;b&gt;%5&lt;/b&gt; msg/s in &amp;nbsp; &lt;b&gt;%6&lt;/b&gt; msg/s out</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 个连接 &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; 个队列 &amp;nbsp; &lt;b&gt;%3&lt;/b&gt; 条就绪 &amp;nbsp; &lt;b&gt;%4&lt;/b&gt; 条未确认 &amp;nbsp; 流入 &lt;b&gt;%5&lt;/b&gt; 条/秒 &amp;nbsp; 流出 &lt;b&gt;%6&lt;/b&gt; 条/秒</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Returned, unroutable, dead-lettered, expired, overflowed</source>
        <translation>退回、无法路由、死信、过期、溢出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Unroutable</source>
        <translation>无法路由</translation>
    </message>
    <message>
        <source>Dead-lettered</source>
        <translation>死信</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Overflowed</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>Messages that did not simply go from a publisher to a consumer, per second. Returned: no queue matched and the publisher asked (mandatory) to get it back. Unroutable: no queue matched, dropped without a word. Dead-lettered: republished to a dead-letter exchange. Expired: its time-to-live passed in a queue. Overflowed: a full queue dropped or refused it.</source>
        <translation>每秒没有直接从发布者到达消费者的消息数。退回：没有匹配的队列，且发布者要求（mandatory）退回。无法路由：没有匹配的队列，被静默丢弃。死信：重新发布到死信交换机。过期：在队列中超过了存活时间。溢出：队列已满，消息被丢弃或拒绝。</translation>
    </message>
</context>
<context>
    <name>warren::ui::PermissionsDialog</name>
    <message>
        <source>Permissions of &apos;%1&apos;</source>
        <translation>“%1”的权限</translation>
    </message>
    <message>
        <source>Tick the virtual hosts &apos;%1&apos; may open. In each, three regular expressions say which exchanges and queues the user may configure (declare, delete), write (publish, bind to) and read (consume, get, purge, bind from). As in RabbitMQ they match anywhere in a name; start one with ^ to match from the beginning. Empty allows nothing, .* everything.</source>
        <translation>勾选“%1”可以打开的虚拟主机。在每个虚拟主机中，三个正则表达式规定该用户可以配置（声明、删除）、写入（发布、作为绑定目标）和读取（消费、获取、清空、作为绑定来源）哪些交换机和队列。与 RabbitMQ 一样，它们匹配名称中的任意位置；以 ^ 开头则从名称开头匹配。留空表示什么都不允许，.* 表示全部允许。</translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation>虚拟主机</translation>
    </message>
    <message>
        <source>Configure</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Exchanges and queues the user may declare and delete</source>
        <translation>该用户可以声明和删除的交换机和队列</translation>
    </message>
    <message>
        <source>Exchanges the user may publish to, queues and exchanges the user may bind to</source>
        <translation>该用户可以向其发布消息的交换机，以及可以作为绑定目标的队列和交换机</translation>
    </message>
    <message>
        <source>Queues the user may consume from, get from and purge, exchanges the user may bind from</source>
        <translation>该用户可以消费、获取和清空的队列，以及可以作为绑定来源的交换机</translation>
    </message>
</context>
<context>
    <name>warren::ui::PortTakenDialog</name>
    <message>
        <source>Port %1 is taken</source>
        <translation>端口 %1 已被占用</translation>
    </message>
    <message>
        <source>The broker cannot listen on port %1: %2 is already listening there.</source>
        <translation>代理无法监听端口 %1：%2 已在监听该端口。</translation>
    </message>
    <message>
        <source>Port %1 is free: the broker can start there for this run, and your clients connect to port %1. To keep another port for good, use Broker settings…</source>
        <translation>端口 %1 空闲：本次运行可以让代理在该端口启动，客户端随之连接端口 %1。若要长期使用另一个端口，请使用“代理设置…”。</translation>
    </message>
    <message>
        <source>Start on port %1</source>
        <translation>在端口 %1 上启动</translation>
    </message>
    <message>
        <source>No port near it is free: choose one in Broker settings…</source>
        <translation>附近没有空闲端口：请在“代理设置…”中选择一个端口。</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <source>%1 (process %2)</source>
        <translation>%1（进程 %2）</translation>
    </message>
    <message>
        <source>%1 (process %2 of the service %3)</source>
        <translation>%1（服务 %3 的进程 %2）</translation>
    </message>
    <message>
        <source>To free port %1, stop that service, then start the broker again:</source>
        <translation>要释放端口 %1，请停止该服务，然后重新启动代理：</translation>
    </message>
</context>
<context>
    <name>warren::ui::ProducerDialog</name>
    <message>
        <source>Add producer</source>
        <translation>添加生产者</translation>
    </message>
    <message>
        <source>(the default exchange: the routing key names the queue)</source>
        <translation>（默认交换机：路由键即队列名）</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>交换机：</translation>
    </message>
    <message>
        <source>Routing key:</source>
        <translation>路由键：</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>消息体：</translation>
    </message>
    <message>
        <source>Bind it to the exchange with key:</source>
        <translation>用此键把它绑定到交换机：</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Messages at each start:</source>
        <translation>每次启动发送的消息数：</translation>
    </message>
    <message>
        <source>A burst: all at once when the producer starts, and again at each Start</source>
        <translation>一批：生产者启动时一次发完，每次点“启动”再发一批</translation>
    </message>
    <message>
        <source>Messages per second:</source>
        <translation>每秒消息数：</translation>
    </message>
    <message>
        <source>A steady rate, from the start until Pause or Stop</source>
        <translation>匀速发送，从启动直到暂停或停止</translation>
    </message>
    <message>
        <source>Delivery guarantees</source>
        <translation>投递保证</translation>
    </message>
    <message>
        <source>Persistent messages (delivery mode 2)</source>
        <translation>持久消息（delivery mode 2）</translation>
    </message>
    <message>
        <source>Publisher confirms</source>
        <translation>发布者确认</translation>
    </message>
    <message>
        <source>Mandatory</source>
        <translation>Mandatory（必须路由）</translation>
    </message>
    <message>
        <source>Other properties</source>
        <translation>其他属性</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Matters only in a queue declared with x-max-priority</source>
        <translation>只在声明了 x-max-priority 的队列中起作用</translation>
    </message>
    <message>
        <source>milliseconds; empty: never</source>
        <translation>毫秒；留空：永不过期</translation>
    </message>
    <message>
        <source>name=value; name=value</source>
        <translation>名称=值; 名称=值</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <source>Expiration:</source>
        <translation>过期时间：</translation>
    </message>
    <message>
        <source>Reply to:</source>
        <translation>回复队列（reply_to）：</translation>
    </message>
    <message>
        <source>Correlation id:</source>
        <translation>关联 ID：</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>头部：</translation>
    </message>
    <message>
        <source>Every message also carries the headers message-number and producer, so consumers can tell which message they got.</source>
        <translation>每条消息还带有 message-number 和 producer 两个头部，消费者据此知道自己收到的是哪条消息。</translation>
    </message>
    <message>
        <source>RPC client: wait for replies</source>
        <translation>RPC 客户端：等待回复</translation>
    </message>
</context>
<context>
    <name>warren::ui::PropertiesEditor</name>
    <message>
        <source>priority: not a number from 0 to 255</source>
        <translation>priority：不是 0 到 255 之间的数字</translation>
    </message>
    <message>
        <source>timestamp: not seconds since 1970 or a date like 2024-05-01T12:00:00Z</source>
        <translation>timestamp：既不是自 1970 年起的秒数，也不是形如 2024-05-01T12:00:00Z 的日期</translation>
    </message>
</context>
<context>
    <name>warren::ui::PublishDialog</name>
    <message>
        <source>Publish message</source>
        <translation>发布消息</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>消息头</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>消息体</translation>
    </message>
    <message>
        <source>Through the default exchange, the name of the queue to deliver to.</source>
        <translation>通过默认交换机发布时，填写要投递到的队列名称。</translation>
    </message>
    <message>
        <source>1 - Non-persistent</source>
        <translation>1 - 非持久化</translation>
    </message>
    <message>
        <source>2 - Persistent</source>
        <translation>2 - 持久化</translation>
    </message>
    <message>
        <source>A persistent message in a durable queue survives a broker restart.</source>
        <translation>持久化队列中的持久化消息在代理重启后仍然保留。</translation>
    </message>
    <message>
        <source>Virtual host:</source>
        <translation>虚拟主机：</translation>
    </message>
    <message>
        <source>Exchange:</source>
        <translation>交换机：</translation>
    </message>
    <message>
        <source>Routing key:</source>
        <translation>路由键：</translation>
    </message>
    <message>
        <source>Delivery mode:</source>
        <translation>投递模式：</translation>
    </message>
    <message>
        <source>(AMQP default)</source>
        <translation>（AMQP 默认）</translation>
    </message>
    <message>
        <source>Message published.</source>
        <translation>消息已发布。</translation>
    </message>
    <message>
        <source>Message published, but not routed to any queue.</source>
        <translation>消息已发布，但未被路由到任何队列。</translation>
    </message>
</context>
<context>
    <name>warren::ui::QueuesPanel</name>
    <message>
        <source>Declare queue…</source>
        <translation>声明队列…</translation>
    </message>
    <message>
        <source>Get messages…</source>
        <translation>获取消息…</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <source>Move messages…</source>
        <translation>移动消息…</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Purge queue</source>
        <translation>清空队列</translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n ready message(s) from queue &apos;%1&apos; in virtual host &apos;%2&apos;? Unacknowledged messages stay.</source>
        <translation>
            <numerusform>确定要删除虚拟主机“%2”中队列“%1”的全部 %n 条就绪消息吗？未确认的消息将保留。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purged %n message(s) from queue &apos;%1&apos;.</source>
        <translation>
            <numerusform>已从队列“%1”中清除 %n 条消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not purge queue &apos;%1&apos;</source>
        <translation>无法清空队列“%1”</translation>
    </message>
    <message>
        <source>Delete queue</source>
        <translation>删除队列</translation>
    </message>
    <message>
        <source>Delete queue &apos;%1&apos; in virtual host &apos;%2&apos; and the messages in it?</source>
        <translation>确定要删除虚拟主机“%2”中的队列“%1”及其中的消息吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Only if empty</source>
        <translation>仅在为空时</translation>
    </message>
    <message>
        <source>Refuse if the queue has messages</source>
        <translation>如果队列中有消息，则拒绝删除</translation>
    </message>
    <message>
        <source>Only if unused</source>
        <translation>仅在未使用时</translation>
    </message>
    <message>
        <source>Refuse if the queue has consumers</source>
        <translation>如果队列有消费者，则拒绝删除</translation>
    </message>
    <message>
        <source>Deleted queue &apos;%1&apos;.</source>
        <translation>已删除队列“%1”。</translation>
    </message>
    <message>
        <source>Could not delete queue &apos;%1&apos;</source>
        <translation>无法删除队列“%1”</translation>
    </message>
    <message>
        <source>Pause deliveries</source>
        <translation>暂停投递</translation>
    </message>
    <message>
        <source>Deliveries from queue &apos;%1&apos; paused: messages wait as ready until you step or resume.</source>
        <translation>队列“%1”的投递已暂停：消息以就绪状态等待，直到你单步或恢复。</translation>
    </message>
    <message>
        <source>Could not pause queue &apos;%1&apos;</source>
        <translation>无法暂停队列“%1”</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Resume deliveries</source>
        <translation>恢复投递</translation>
    </message>
    <message>
        <source>Deliveries from queue &apos;%1&apos; resumed.</source>
        <translation>队列“%1”的投递已恢复。</translation>
    </message>
    <message>
        <source>Could not resume queue &apos;%1&apos;</source>
        <translation>无法恢复队列“%1”</translation>
    </message>
    <message>
        <source>Hold this queue&apos;s deliveries to consumers (step mode).</source>
        <translation>暂缓此队列向消费者的投递（单步模式）。</translation>
    </message>
    <message>
        <source>Release exactly one message from this paused queue, to the consumer the round-robin picks next</source>
        <translation>从这个已暂停的队列放出恰好一条消息，交给轮询选中的下一个消费者</translation>
    </message>
    <message>
        <source>Let this queue deliver again</source>
        <translation>让此队列重新开始投递</translation>
    </message>
</context>
<context>
    <name>warren::ui::ReceivedModel</name>
    <message>
        <source>%1 (%L2)</source>
        <translation>%1（%L2）</translation>
    </message>
    <message numerus="yes">
        <source>%1 received %n message(s) in all; the last %2 are listed.</source>
        <translation>
            <numerusform>%1 共收到 %n 条消息；列出最近的 %2 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warren::ui::RouteExplanationText</name>
    <message>
        <source>(default exchange)</source>
        <translation>（默认交换机）</translation>
    </message>
    <message>
        <source>exchange %1 (%2)</source>
        <translation>交换机 %1（%2）</translation>
    </message>
    <message>
        <source>%1: reached through a binding of exchange %2</source>
        <translation>%1：通过交换机 %2 的绑定到达</translation>
    </message>
    <message>
        <source>%1: alternate exchange of %2, where no binding matched</source>
        <translation>%1：%2 的备用交换机（%2 没有绑定匹配）</translation>
    </message>
    <message>
        <source>%1: the message is published here</source>
        <translation>%1：消息发布到这里</translation>
    </message>
    <message>
        <source>to exchange %1</source>
        <translation>到交换机 %1</translation>
    </message>
    <message>
        <source>to queue %1</source>
        <translation>到队列 %1</translation>
    </message>
    <message>
        <source>to queue %1 (the default exchange&apos;s own binding)</source>
        <translation>到队列 %1（默认交换机自带的绑定）</translation>
    </message>
    <message>
        <source>%1 with key %2</source>
        <translation>%1，路由键 %2</translation>
    </message>
    <message>
        <source>%1 (this new binding)</source>
        <translation>%1（这个新绑定）</translation>
    </message>
    <message>
        <source>%1 (does not exist yet)</source>
        <translation>%1（尚不存在）</translation>
    </message>
    <message>
        <source>&apos;#&apos; took no word</source>
        <translation>“#”没有匹配任何单词</translation>
    </message>
    <message>
        <source>&apos;#&apos; took %1</source>
        <translation>“#”匹配了 %1</translation>
    </message>
    <message>
        <source>&apos;*&apos; took %1</source>
        <translation>“*”匹配了 %1</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>the pattern ends but the key goes on with %1</source>
        <translation>模式已结束，但路由键还有 %1</translation>
    </message>
    <message>
        <source>the key ends where the pattern wants %1</source>
        <translation>路由键已结束，而模式还需要 %1</translation>
    </message>
    <message>
        <source>%1 ≠ %2</source>
        <translation>%1 ≠ %2</translation>
    </message>
    <message>
        <source>both are empty</source>
        <translation>两者都为空</translation>
    </message>
    <message>
        <source>%1 ignored (x- arguments count only with %2-with-x)</source>
        <translation>%1 被忽略（x- 参数只在 %2-with-x 时才计入）</translation>
    </message>
    <message>
        <source>no header %1</source>
        <translation>没有消息头 %1</translation>
    </message>
    <message>
        <source>%1 present</source>
        <translation>%1 存在</translation>
    </message>
    <message>
        <source>%1 is %2, not %3</source>
        <translation>%1 是 %2，而不是 %3</translation>
    </message>
    <message>
        <source>x-match %1</source>
        <translation>x-match %1</translation>
    </message>
    <message>
        <source>%1, no conditions</source>
        <translation>%1，没有条件</translation>
    </message>
    <message>
        <source>a fanout exchange sends to every binding</source>
        <translation>fanout 交换机会发送到每个绑定</translation>
    </message>
    <message>
        <source>the routing key names this queue</source>
        <translation>路由键就是这个队列的名称</translation>
    </message>
    <message>
        <source>no queue is named %1</source>
        <translation>没有名为 %1 的队列</translation>
    </message>
    <message>
        <source>the routing key equals the binding key</source>
        <translation>路由键等于绑定键</translation>
    </message>
    <message>
        <source>the CC/BCC key %1 equals the binding key</source>
        <translation>CC/BCC 路由键 %1 等于绑定键</translation>
    </message>
    <message>
        <source>the routing key is not %1</source>
        <translation>路由键不是 %1</translation>
    </message>
    <message>
        <source>it has no bindings: the message goes nowhere from here</source>
        <translation>它没有绑定：消息从这里无处可去</translation>
    </message>
    <message>
        <source>no binding matched: the message goes nowhere from here</source>
        <translation>没有绑定匹配：消息从这里无处可去</translation>
    </message>
    <message>
        <source>no binding matched, and its alternate exchange %1 does not exist</source>
        <translation>没有绑定匹配，而它的备用交换机 %1 不存在</translation>
    </message>
    <message>
        <source>no binding matched: passed to its alternate exchange %1</source>
        <translation>没有绑定匹配：转交给它的备用交换机 %1</translation>
    </message>
    <message>
        <source>Where the message goes</source>
        <translation>消息去向</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>warren::ui::SettingsDialog</name>
    <message>
        <source>Broker settings</source>
        <translation>代理设置</translation>
    </message>
    <message>
        <source>The AMQP port clients connect to; RabbitMQ&apos;s default is 5672.</source>
        <translation>客户端连接的 AMQP 端口；RabbitMQ 默认为 5672。</translation>
    </message>
    <message>
        <source>127.0.0.1 and ::1 (this computer only)</source>
        <translation>127.0.0.1 和 ::1（仅限本机）</translation>
    </message>
    <message>
        <source>The address to listen on. 0.0.0.0 accepts connections from other computers; the guest user may still log in from this computer only.</source>
        <translation>监听地址。0.0.0.0 会接受来自其他计算机的连接；guest 用户仍然只能从本机登录。</translation>
    </message>
    <message>
        <source>Where durable queues, exchanges and persistent messages are kept.</source>
        <translation>持久化队列、交换机和持久化消息的存储位置。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Bind address:</source>
        <translation>绑定地址：</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>数据目录：</translation>
    </message>
    <message>
        <source>Apply and restart</source>
        <translation>应用并重启</translation>
    </message>
    <message>
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <source>With a certificate and its private key the broker also listens for AMQP over TLS (amqps://) on its own port. Leave them empty for plain AMQP only.</source>
        <translation>设置证书及其私钥后，代理还会在单独的端口上监听基于 TLS 的 AMQP（amqps://）。留空则只使用普通 AMQP。</translation>
    </message>
    <message>
        <source>The port for AMQP over TLS; RabbitMQ&apos;s default is 5671.</source>
        <translation>基于 TLS 的 AMQP 所用端口；RabbitMQ 默认为 5671。</translation>
    </message>
    <message>
        <source>The broker&apos;s certificate, a PEM file; intermediate certificates may follow it.</source>
        <translation>代理的证书，PEM 文件；其后可以跟中间证书。</translation>
    </message>
    <message>
        <source>The certificate&apos;s private key, a PEM file without a password.</source>
        <translation>证书的私钥，不带密码的 PEM 文件。</translation>
    </message>
    <message>
        <source>none: clients are not asked for a certificate</source>
        <translation>无：不要求客户端出示证书</translation>
    </message>
    <message>
        <source>CA certificates (PEM) for clients&apos; certificates: a client may then present a certificate, which must be signed by one of them.</source>
        <translation>用于客户端证书的 CA 证书（PEM 格式）：客户端随后可以出示证书，出示的证书必须由其中某个 CA 签发。</translation>
    </message>
    <message>
        <source>Require a client certificate signed by these CAs</source>
        <translation>要求客户端出示由这些 CA 签发的证书</translation>
    </message>
    <message>
        <source>Clients without such a certificate are refused during the TLS handshake (RabbitMQ&apos;s fail_if_no_peer_cert).</source>
        <translation>没有这类证书的客户端会在 TLS 握手时被拒绝（即 RabbitMQ 的 fail_if_no_peer_cert）。</translation>
    </message>
    <message>
        <source>TLS port:</source>
        <translation>TLS 端口：</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>The broker&apos;s certificate</source>
        <translation>代理的证书</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>私钥：</translation>
    </message>
    <message>
        <source>The certificate&apos;s private key</source>
        <translation>证书的私钥</translation>
    </message>
    <message>
        <source>Client CA certificates:</source>
        <translation>客户端 CA 证书：</translation>
    </message>
    <message>
        <source>CA certificates for clients</source>
        <translation>客户端的 CA 证书</translation>
    </message>
    <message>
        <source>AMQPS (TLS)</source>
        <translation>AMQPS（TLS）</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>warren::ui::SimulatorPanel</name>
    <message>
        <source>This window&apos;s broker</source>
        <translation>本窗口的代理</translation>
    </message>
    <message>
        <source>Simulated producers and consumers are real AMQP clients: each has its own connection to the broker below and appears on the Connections page under its name. Add them, then watch what each one sends, receives and acknowledges.</source>
        <translation>模拟的生产者和消费者是真正的 AMQP 客户端：每个都有自己到下面这个代理的连接，并以自己的名字出现在“连接”页上。添加它们，然后观察每个客户端发送、接收和确认了什么。</translation>
    </message>
    <message>
        <source>amqp://user:password@host:port/vhost</source>
        <translation>amqp://用户:密码@主机:端口/虚拟主机</translation>
    </message>
    <message>
        <source>New clients connect here; clients already added keep their broker.</source>
        <translation>新客户端连接到这里；已添加的客户端保持原来的代理。</translation>
    </message>
    <message>
        <source>Broker:</source>
        <translation>代理：</translation>
    </message>
    <message>
        <source>Producers</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>Add producer…</source>
        <translation>添加生产者…</translation>
    </message>
    <message>
        <source>A new producer with its own connection, started at once</source>
        <translation>一个拥有自己连接的新生产者，立即启动</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Publish: another burst, or the rate again after a pause</source>
        <translation>发布：再发一批，或暂停后恢复匀速发送</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop publishing and stay connected</source>
        <translation>停止发布，保持连接</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop publishing and close the connection</source>
        <translation>停止发布并关闭连接</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Close its connection and remove it</source>
        <translation>关闭它的连接并将它移除</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Add consumer…</source>
        <translation>添加消费者…</translation>
    </message>
    <message>
        <source>A new consumer with its own connection, started at once</source>
        <translation>一个拥有自己连接的新消费者，立即启动</translation>
    </message>
    <message>
        <source>Connect (if needed) and consume</source>
        <translation>（如有需要先连接）开始消费</translation>
    </message>
    <message>
        <source>Cancel the consumer and close its connection: what it has not acknowledged goes back to the queue</source>
        <translation>取消消费者并关闭它的连接：它尚未确认的消息回到队列</translation>
    </message>
    <message>
        <source>Crash</source>
        <translation>崩溃</translation>
    </message>
    <message>
        <source>Cut the connection now, without closing it: the broker requeues what it has not acknowledged</source>
        <translation>立即切断连接而不正常关闭：代理把它尚未确认的消息重新入队</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重启</translation>
    </message>
    <message>
        <source>Start again with a new connection, after a crash, a hang or a stop</source>
        <translation>在崩溃、挂起或停止之后，用新连接重新启动</translation>
    </message>
    <message>
        <source>&lt;b&gt;Received&lt;/b&gt; by each consumer, oldest first. &lt;b&gt;↻ redelivered&lt;/b&gt;: the broker had delivered the message before, to a consumer that did not acknowledge it.</source>
        <translation>每个消费者&lt;b&gt;收到&lt;/b&gt;的消息，最早的在上。&lt;b&gt;↻ 重新投递&lt;/b&gt;：代理之前投递过这条消息，但收到它的消费者没有确认。</translation>
    </message>
    <message>
        <source>Not an amqp:// URL: amqp://user:password@host:port/vhost</source>
        <translation>不是 amqp:// URL：amqp://用户:密码@主机:端口/虚拟主机</translation>
    </message>
    <message>
        <source>New clients connect to the broker of this window.</source>
        <translation>新客户端连接到本窗口的代理。</translation>
    </message>
    <message>
        <source>New clients connect to the broker at %1.</source>
        <translation>新客户端连接到 %1 上的代理。</translation>
    </message>
    <message>
        <source>producer P%1</source>
        <translation>生产者 P%1</translation>
    </message>
    <message>
        <source>worker %1</source>
        <translation>工作者 %1</translation>
    </message>
</context>
<context>
    <name>warren::ui::SimulatorTables</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Its connection name on the broker&apos;s Connections page</source>
        <translation>它在代理“连接”页上的连接名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What the producer is doing, and why it stopped</source>
        <translation>生产者在做什么，以及它为何停止</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交换机</translation>
    </message>
    <message>
        <source>Where it publishes</source>
        <translation>它发布到哪里</translation>
    </message>
    <message>
        <source>Routing key</source>
        <translation>路由键</translation>
    </message>
    <message>
        <source>Its routing key template</source>
        <translation>它的路由键模板</translation>
    </message>
    <message>
        <source>Sends</source>
        <translation>发送方式</translation>
    </message>
    <message>
        <source>A burst at each start, or a steady rate</source>
        <translation>每次启动发一批，或匀速发送</translation>
    </message>
    <message>
        <source>Persistent</source>
        <translation>持久化</translation>
    </message>
    <message>
        <source>Messages sent with delivery mode 2</source>
        <translation>以 delivery mode 2 发送的消息</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Messages sent to the broker</source>
        <translation>发送给代理的消息</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Publisher confirms: messages the broker took responsibility for</source>
        <translation>发布者确认：代理已接管责任的消息</translation>
    </message>
    <message>
        <source>Nacked</source>
        <translation>被拒（nack）</translation>
    </message>
    <message>
        <source>Publisher confirms: messages the broker could not take</source>
        <translation>发布者确认：代理无法接收的消息</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>被退回</translation>
    </message>
    <message>
        <source>Mandatory messages no queue took, sent back by the broker</source>
        <translation>没有队列接收、被代理退回的 mandatory 消息</translation>
    </message>
    <message>
        <source>What the consumer is doing, and why it stopped</source>
        <translation>消费者在做什么，以及它为何停止</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Ack</source>
        <translation>确认方式</translation>
    </message>
    <message>
        <source>Automatic or manual acknowledgement</source>
        <translation>自动或手动确认</translation>
    </message>
    <message>
        <source>Prefetch</source>
        <translation>预取</translation>
    </message>
    <message>
        <source>Unacknowledged messages it may hold at once (0: no limit)</source>
        <translation>它同时可持有的未确认消息数（0：不限）</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>How long it works on each message</source>
        <translation>它处理每条消息需要多久</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What it does with a message once processed</source>
        <translation>处理完消息后它怎么做</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <source>Messages delivered to it, all told</source>
        <translation>投递给它的消息总数</translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation>重新投递</translation>
    </message>
    <message>
        <source>Of those, messages the broker had delivered before</source>
        <translation>其中代理之前投递过的消息</translation>
    </message>
    <message>
        <source>Acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Messages it acknowledged</source>
        <translation>它确认过的消息</translation>
    </message>
    <message>
        <source>Requeued</source>
        <translation>重新入队</translation>
    </message>
    <message>
        <source>Messages it rejected with requeue</source>
        <translation>它拒绝并要求重新入队的消息</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>已丢弃</translation>
    </message>
    <message>
        <source>Messages it nacked without requeue</source>
        <translation>它 nack 且不重新入队的消息</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待处理</translation>
    </message>
    <message>
        <source>Received and not yet processed</source>
        <translation>已收到但尚未处理</translation>
    </message>
    <message>
        <source>The queue it consumes from, and whether it declares it durable</source>
        <translation>它从哪个队列消费，以及是否将其声明为持久</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>RPC client: answers to its own requests, matched by correlation_id</source>
        <translation>RPC 客户端：对它自己请求的回复，按 correlation_id 匹配</translation>
    </message>
</context>
<context>
    <name>warren::ui::SimulatorText</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发完</translation>
    </message>
    <message>
        <source>Blocked by the broker</source>
        <translation>被代理阻塞</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <source>Crashed</source>
        <translation>已崩溃</translation>
    </message>
    <message>
        <source>Hung</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Reject and requeue</source>
        <translation>拒绝并重新入队</translation>
    </message>
    <message>
        <source>Nack without requeue</source>
        <translation>nack 且不重新入队</translation>
    </message>
    <message>
        <source>Crash before the ack</source>
        <translation>确认之前崩溃</translation>
    </message>
    <message>
        <source>Hang</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>The brace at character %1 is not closed (write {{ for a brace).</source>
        <translation>第 %1 个字符处的花括号没有闭合（要写花括号本身请用 {{)。</translation>
    </message>
    <message>
        <source>The brace at character %1 closes nothing (write }} for a brace).</source>
        <translation>第 %1 个字符处的右花括号没有对应的左花括号（要写花括号本身请用 }}）。</translation>
    </message>
    <message>
        <source>Unknown placeholder {%1} at character %2: use {n}, {n%K}, {choice:a|b|c} or {uuid}.</source>
        <translation>第 %2 个字符处的占位符 {%1} 未知：请使用 {n}、{n%K}、{choice:a|b|c} 或 {uuid}。</translation>
    </message>
    <message>
        <source>{%1} at character %2: K in {n%K} must be a whole number from 1.</source>
        <translation>第 %2 个字符处的 {%1}：{n%K} 中的 K 必须是不小于 1 的整数。</translation>
    </message>
    <message>
        <source>{choice:} at character %1 has nothing to choose from: list options as {choice:a|b|c}.</source>
        <translation>第 %1 个字符处的 {choice:} 没有可选项：请写成 {choice:a|b|c}。</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>#?</source>
        <translation>#?</translation>
    </message>
    <message>
        <source>%1 ↻ redelivered</source>
        <translation>%1 ↻ 重新投递</translation>
    </message>
    <message>
        <source>a client outside the simulator</source>
        <translation>模拟器之外的客户端</translation>
    </message>
    <message>
        <source>Message %1 from %2</source>
        <translation>来自 %2 的第 %1 条消息</translation>
    </message>
    <message>
        <source>A message from %1</source>
        <translation>一条来自 %1 的消息</translation>
    </message>
    <message>
        <source>%1, redelivered: the broker had delivered it before, to a consumer that did not acknowledge it.</source>
        <translation>%1，重新投递：代理之前投递过它，但收到它的消费者没有确认。</translation>
    </message>
    <message numerus="yes">
        <source>burst of %n</source>
        <translation>
            <numerusform>每批 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 条/秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1–%2 ms</source>
        <translation>%1–%2 毫秒</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>Not connected. Start connects it again.</source>
        <translation>未连接。点击“启动”重新连接。</translation>
    </message>
    <message>
        <source>Opening its connection and channel and declaring its queue.</source>
        <translation>正在打开连接和通道并声明队列。</translation>
    </message>
    <message>
        <source>Connected and at work: publishing, or consuming.</source>
        <translation>已连接并在工作：正在发布或消费。</translation>
    </message>
    <message>
        <source>Connected, not publishing. Start goes on.</source>
        <translation>已连接，暂停发布。点击“启动”继续。</translation>
    </message>
    <message>
        <source>Its burst is sent; it stays connected. Start sends another burst.</source>
        <translation>这一批已发送完毕，连接保持打开。点击“启动”再发送一批。</translation>
    </message>
    <message>
        <source>The broker stopped reading from it (a resource alarm); it goes on when the broker lets it.</source>
        <translation>代理停止读取它的数据（资源告警）；代理放行后它会继续。</translation>
    </message>
    <message>
        <source>Its connection was lost; it opens a new one by itself, as a client that retries does.</source>
        <translation>连接已断开；它会像会重试的客户端那样自行打开新连接。</translation>
    </message>
    <message>
        <source>Its connection was cut without a close: the broker requeued every message it had not acknowledged (with automatic ack they are lost). Restart starts it again.</source>
        <translation>连接未经关闭就被切断：代理把它尚未确认的每条消息重新入队（自动确认时这些消息会丢失）。点击“重启”再次启动它。</translation>
    </message>
    <message>
        <source>It stopped reading and heartbeating: the broker closes its connection after two missed heartbeats and requeues what it held. Restart starts it again.</source>
        <translation>它停止了读取和心跳：错过两次心跳后代理关闭其连接，并把它持有的消息重新入队。点击“重启”再次启动它。</translation>
    </message>
    <message>
        <source>The broker refused it, or could not be reached: the error says why. It does not try again.</source>
        <translation>代理拒绝了它，或无法连接到代理：错误信息说明原因。它不会重试。</translation>
    </message>
    <message>
        <source>%1 (durable)</source>
        <translation>%1（持久）</translation>
    </message>
    <message>
        <source>Forget to acknowledge</source>
        <translation>忘记确认</translation>
    </message>
</context>
<context>
    <name>warren::ui::StepMode</name>
    <message>
        <source>While deliveries are paused, publishing continues and messages pile up as ready, message TTLs keep running (messages still expire), and basic.get still answers. Only deliveries to consumers wait: Step releases one message, Resume lets them all go.</source>
        <translation>投递暂停期间，发布照常进行，消息以就绪状态堆积；消息 TTL 继续计时（消息仍会过期）；basic.get 仍然会应答。只有向消费者的投递会等待：“单步”放出一条消息，“恢复”放出全部。</translation>
    </message>
    <message>
        <source>Deliveries paused (step mode): consumers get nothing until you step or resume.</source>
        <translation>投递已暂停（单步模式）：在你单步或恢复之前，消费者收不到任何消息。</translation>
    </message>
    <message>
        <source>Could not step: %1 %2</source>
        <translation>无法单步：%1 %2</translation>
    </message>
    <message>
        <source>Released one message from &apos;%1&apos;.</source>
        <translation>已从“%1”放出一条消息。</translation>
    </message>
    <message>
        <source>No message is waiting: nothing to release.</source>
        <translation>没有等待的消息：无可放出。</translation>
    </message>
    <message>
        <source>No consumer can take a message now (none is consuming, or each holds as many unacknowledged messages as its prefetch allows).</source>
        <translation>现在没有消费者能接收消息（没有消费者，或每个消费者持有的未确认消息已达到预取上限）。</translation>
    </message>
</context>
<context>
    <name>warren::ui::StepModeBanner</name>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Release exactly one message to a consumer</source>
        <translation>向消费者放出恰好一条消息</translation>
    </message>
    <message>
        <source>Let the held messages go: deliveries continue as usual</source>
        <translation>放出被暂缓的消息：投递恢复正常</translation>
    </message>
    <message>
        <source>virtual host &apos;%1&apos; (all its queues)</source>
        <translation>虚拟主机“%1”（其所有队列）</translation>
    </message>
    <message>
        <source>queue &apos;%1&apos; in virtual host &apos;%2&apos;</source>
        <translation>虚拟主机“%2”中的队列“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Deliveries are paused in %1: consumers get nothing until you step or resume. Publishing continues (%n message(s) waiting).</source>
        <translation>
            <numerusform>%1 的投递已暂停：在你单步或恢复之前，消费者收不到任何消息。发布照常进行（%n 条消息在等待）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deliveries are paused in %n place(s): consumers there get nothing until you step or resume. Publishing continues.</source>
        <translation>
            <numerusform>%n 处的投递已暂停：在你单步或恢复之前，那里的消费者收不到任何消息。发布照常进行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Deliveries resumed in %1.</source>
        <translation>%1 的投递已恢复。</translation>
    </message>
    <message>
        <source>Could not resume %1: %2 %3</source>
        <translation>无法恢复 %1：%2 %3</translation>
    </message>
    <message>
        <source>Step releases exactly one message; Resume lets them all go.</source>
        <translation>“单步”放出恰好一条消息；“恢复”放出全部。</translation>
    </message>
</context>
<context>
    <name>warren::ui::TeachingNotes</name>
    <message>
        <source>The queue is not declared here: it must exist already, or messages to it are dropped.</source>
        <translation>这里不声明队列：它必须已经存在，否则发往它的消息会被丢弃。</translation>
    </message>
    <message>
        <source>A durable queue survives a broker restart (with its persistent messages only).</source>
        <translation>持久队列在代理重启后依然存在（只保留其中的持久消息）。</translation>
    </message>
    <message>
        <source>A transient queue is gone after a broker restart, with everything in it.</source>
        <translation>非持久队列在代理重启后消失，连同其中的一切。</translation>
    </message>
    <message>
        <source>Persistent messages are written to disk when the queue they reach is durable.</source>
        <translation>当到达的队列是持久队列时，持久消息会写入磁盘。</translation>
    </message>
    <message>
        <source>Transient messages are lost when the broker restarts, whatever the queue.</source>
        <translation>不论队列如何，非持久消息在代理重启时都会丢失。</translation>
    </message>
    <message>
        <source>Persistent messages in a durable queue are written to disk: they survive a broker restart.</source>
        <translation>持久队列中的持久消息会写入磁盘：代理重启后依然存在。</translation>
    </message>
    <message>
        <source>Persistent, but the queue is transient: a restart deletes the queue and its messages anyway.</source>
        <translation>消息是持久的，但队列不是：重启照样会删除队列及其消息。</translation>
    </message>
    <message>
        <source>The durable queue survives a restart, but these transient messages do not.</source>
        <translation>持久队列在重启后依然存在，但这些非持久消息不会。</translation>
    </message>
    <message>
        <source>Queue and messages live in memory only: a broker restart loses both.</source>
        <translation>队列和消息都只在内存中：代理重启会把两者都丢掉。</translation>
    </message>
    <message>
        <source>The broker confirms each message once it is responsible for it (persistent ones in durable queues once they are on disk).</source>
        <translation>代理在对每条消息负起责任后予以确认（持久队列中的持久消息在写入磁盘后才确认）。</translation>
    </message>
    <message>
        <source>No answer for published messages: the producer cannot tell whether the broker got them.</source>
        <translation>发布的消息得不到任何回应：生产者无法知道代理是否收到。</translation>
    </message>
    <message>
        <source>A message no queue takes comes back to the producer (counted as returned).</source>
        <translation>没有队列接收的消息会退回给生产者（计为“被退回”）。</translation>
    </message>
    <message>
        <source>A message no queue takes is dropped without a word.</source>
        <translation>没有队列接收的消息会被悄无声息地丢弃。</translation>
    </message>
    <message>
        <source>The consumer acknowledges each message after processing it: if it crashes first, the broker delivers the message again, marked redelivered.</source>
        <translation>消费者在处理完每条消息后确认：如果它在此之前崩溃，代理会再次投递这条消息，并标记为重新投递。</translation>
    </message>
    <message>
        <source>The broker forgets each message once delivered: a consumer that crashes with automatic ack loses the message.</source>
        <translation>代理在投递后就忘掉每条消息：使用自动确认的消费者一旦崩溃，消息就丢了。</translation>
    </message>
    <message>
        <source>Prefetch does not limit automatic ack: the broker sends as fast as it can.</source>
        <translation>预取不限制自动确认：代理会尽可能快地发送。</translation>
    </message>
    <message>
        <source>Unlimited: the broker hands out every ready message at once, in turn, however slow the consumer.</source>
        <translation>不限：代理立即把所有就绪消息轮流分发出去，不管消费者有多慢。</translation>
    </message>
    <message>
        <source>Fair dispatch: a busy consumer gets no new message until it acknowledges the one it has.</source>
        <translation>公平分发：忙碌的消费者在确认手头的消息之前不会收到新消息。</translation>
    </message>
    <message numerus="yes">
        <source>At most %n unacknowledged messages at a time; the rest waits in the queue for whoever has room.</source>
        <translation>
            <numerusform>同时最多 %n 条未确认消息；其余的在队列中等待有空位的消费者。</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledged: the broker deletes the message.</source>
        <translation>已确认：代理删除这条消息。</translation>
    </message>
    <message>
        <source>With automatic ack there is nothing to acknowledge: the broker deleted it on delivery.</source>
        <translation>自动确认时无需再确认：代理在投递时已删除它。</translation>
    </message>
    <message>
        <source>Rejected with requeue: the message goes back to the queue and comes again, redelivered, over and over.</source>
        <translation>拒绝并重新入队：消息回到队列，又以重新投递的身份再次到来，周而复始。</translation>
    </message>
    <message>
        <source>With automatic ack a message cannot be rejected: the broker deleted it on delivery.</source>
        <translation>自动确认时无法拒绝消息：代理在投递时已删除它。</translation>
    </message>
    <message>
        <source>Nacked without requeue: the message is dropped (or dead-lettered, if the queue has a dead-letter exchange).</source>
        <translation>nack 且不重新入队：消息被丢弃（如果队列设置了死信交换机，则成为死信）。</translation>
    </message>
    <message>
        <source>With automatic ack a message cannot be nacked: the broker deleted it on delivery.</source>
        <translation>自动确认时无法 nack 消息：代理在投递时已删除它。</translation>
    </message>
    <message>
        <source>The connection is cut before message %1 is acknowledged: the broker requeues it for another consumer, marked redelivered.</source>
        <translation>在确认第 %1 条消息之前连接被切断：代理把它重新入队给其他消费者，并标记为重新投递。</translation>
    </message>
    <message>
        <source>The connection is cut at message %1: with automatic ack that message, and any waiting behind it, is lost.</source>
        <translation>在第 %1 条消息时连接被切断：使用自动确认时，这条消息以及排在它后面等待的消息都丢了。</translation>
    </message>
    <message>
        <source>At message %1 the consumer stops reading and heartbeating; the broker gives up on it after two missed heartbeats (about %2 s) and requeues what it held.</source>
        <translation>在第 %1 条消息时消费者停止读取和发送心跳；代理在错过两次心跳（约 %2 秒）后放弃它，并把它持有的消息重新入队。</translation>
    </message>
    <message>
        <source>Each message takes %1 ms.</source>
        <translation>每条消息耗时 %1 毫秒。</translation>
    </message>
    <message>
        <source>Each message takes between %1 and %2 ms, drawn with seed %3: the same seed repeats the run.</source>
        <translation>每条消息耗时 %1 到 %2 毫秒，按种子 %3 随机抽取：同一种子会重现同样的运行。</translation>
    </message>
    <message>
        <source>Exclusive: while it consumes, no other consumer may consume from the queue.</source>
        <translation>独占：在它消费期间，其他消费者不能从该队列消费。</translation>
    </message>
    <message>
        <source>Shared: other consumers of the queue take turns with it.</source>
        <translation>共享：该队列的其他消费者与它轮流接收。</translation>
    </message>
    <message>
        <source>Normal priority: consumers take turns.</source>
        <translation>普通优先级：消费者轮流接收。</translation>
    </message>
    <message>
        <source>Priority %1: while it has room, it gets messages before consumers of lower priority.</source>
        <translation>优先级 %1：只要它还有空位，就先于优先级更低的消费者收到消息。</translation>
    </message>
    <message>
        <source>Never acknowledged, as the tutorial&apos;s first consumer: the messages stay unacknowledged while it is connected, and each consumer after it gets them all again, redelivered.</source>
        <translation>从不确认，就像教程里的第一个消费者：它连接期间消息一直处于未确认状态，之后的每个消费者都会再次收到全部消息，并标记为重新投递。</translation>
    </message>
    <message>
        <source>With automatic ack there is nothing to forget: the broker deleted it on delivery.</source>
        <translation>自动确认时没有什么可忘记的：代理在投递时就删除了它。</translation>
    </message>
    <message>
        <source>One channel on its connection, with one consumer.</source>
        <translation>连接上只有一个信道，一个消费者。</translation>
    </message>
    <message>
        <source>%1 channels on one connection, a consumer on each: the broker counts %1 consumers and one connection; when the connection goes, they all go.</source>
        <translation>一个连接上有 %1 个信道，每个信道一个消费者：代理算作 %1 个消费者和一个连接；连接断开时，它们全部随之消失。</translation>
    </message>
    <message>
        <source>Before acknowledging a request, it publishes an answer to the request&apos;s reply_to through the default exchange, with its correlation_id.</source>
        <translation>在确认一个请求之前，它通过默认交换机把回复发布到该请求的 reply_to，并带上它的 correlation_id。</translation>
    </message>
    <message>
        <source>It answers nothing: a request&apos;s reply_to is not its business.</source>
        <translation>它什么也不回复：请求的 reply_to 与它无关。</translation>
    </message>
    <message>
        <source>It declares a server-named exclusive queue for the answers, names it in each request&apos;s reply_to with a correlation_id of its own, and counts the answers to its own requests.</source>
        <translation>它声明一个由服务器命名的独占队列来接收回复，在每个请求的 reply_to 中指定它，并附上自己的 correlation_id，然后统计对它自己请求的回复。</translation>
    </message>
    <message>
        <source>It expects no answer.</source>
        <translation>它不期待任何回复。</translation>
    </message>
</context>
<context>
    <name>warren::ui::TemplateEdit</name>
    <message>
        <source>Placeholders: {n} the message number, {n%K} the number modulo K, {choice:a|b|c} one option after the other, {uuid} a random UUID; {{ and }} for braces.</source>
        <translation>占位符：{n} 消息序号，{n%K} 序号除以 K 的余数，{choice:a|b|c} 依次取一个选项，{uuid} 随机 UUID；{{ 和 }} 表示花括号本身。</translation>
    </message>
    <message>
        <source>Messages 1, 2, 3: %1</source>
        <translation>第 1、2、3 条消息：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>warren::ui::UserDialog</name>
    <message>
        <source>Set password and tags</source>
        <translation>设置密码和标签</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>e.g. administrator, monitoring</source>
        <translation>例如 administrator, monitoring</translation>
    </message>
    <message>
        <source>Comma-separated: administrator, monitoring, management, policymaker or your own</source>
        <translation>以逗号分隔：administrator, monitoring, management, policymaker 或自定义标签</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>warren::ui::UsersPanel</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Set password/tags…</source>
        <translation>设置密码/标签…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Permissions…</source>
        <translation>权限…</translation>
    </message>
    <message>
        <source>Changed the password and tags of &apos;%1&apos;.</source>
        <translation>已更改“%1”的密码和标签。</translation>
    </message>
    <message>
        <source>Added user &apos;%1&apos;.</source>
        <translation>已添加用户“%1”。</translation>
    </message>
    <message>
        <source>Could not save user &apos;%1&apos;</source>
        <translation>无法保存用户“%1”</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>删除用户</translation>
    </message>
    <message>
        <source>Delete user &apos;%1&apos;?</source>
        <translation>确定要删除用户“%1”吗？</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted user &apos;%1&apos;.</source>
        <translation>已删除用户“%1”。</translation>
    </message>
    <message>
        <source>Could not delete user &apos;%1&apos;</source>
        <translation>无法删除用户“%1”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; may no longer open virtual host &apos;%2&apos;.</source>
        <translation>“%1”不能再打开虚拟主机“%2”。</translation>
    </message>
    <message>
        <source>Could not change the permissions of &apos;%1&apos; on &apos;%2&apos;</source>
        <translation>无法更改“%1”在“%2”上的权限</translation>
    </message>
    <message>
        <source>Permissions of &apos;%1&apos; on &apos;%2&apos;: configure &apos;%3&apos;, write &apos;%4&apos;, read &apos;%5&apos;.</source>
        <translation>“%1”在“%2”上的权限：配置“%3”，写入“%4”，读取“%5”。</translation>
    </message>
</context>
<context>
    <name>warren::ui::VHostsPanel</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Add virtual host</source>
        <translation>添加虚拟主机</translation>
    </message>
    <message>
        <source>Name of the new virtual host:</source>
        <translation>新虚拟主机的名称：</translation>
    </message>
    <message>
        <source>Added virtual host &apos;%1&apos;.</source>
        <translation>已添加虚拟主机“%1”。</translation>
    </message>
    <message>
        <source>Could not add virtual host &apos;%1&apos;</source>
        <translation>无法添加虚拟主机“%1”</translation>
    </message>
    <message>
        <source>Delete virtual host</source>
        <translation>删除虚拟主机</translation>
    </message>
    <message numerus="yes">
        <source>Delete virtual host &apos;%1&apos;? This deletes all its exchanges and queues, with the %n message(s) in them, and closes its connections.</source>
        <translation>
            <numerusform>确定要删除虚拟主机“%1”吗？这将删除其中所有交换机和队列（连同其中的 %n 条消息），并关闭其连接。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted virtual host &apos;%1&apos;.</source>
        <translation>已删除虚拟主机“%1”。</translation>
    </message>
    <message>
        <source>Could not delete virtual host &apos;%1&apos;</source>
        <translation>无法删除虚拟主机“%1”</translation>
    </message>
    <message>
        <source>Trace to amq.rabbitmq.trace (firehose)</source>
        <translation>追踪到 amq.rabbitmq.trace（firehose）</translation>
    </message>
    <message>
        <source>RabbitMQ&apos;s firehose (rabbitmqctl trace_on): while on, every message published in this virtual host and every delivery from it is also published to the exchange amq.rabbitmq.trace, with the routing key publish.&lt;exchange&gt; or deliver.&lt;queue&gt;, the original body, and headers saying where it went. Bind a queue to amq.rabbitmq.trace with &apos;#&apos; to read them. Off again after a restart.</source>
        <translation>RabbitMQ 的 firehose（rabbitmqctl trace_on）：开启后，此虚拟主机中发布的每条消息和每次投递都会同时发布到交换机 amq.rabbitmq.trace，路由键为 publish.&lt;交换机&gt; 或 deliver.&lt;队列&gt;，带原始消息体以及说明其去向的消息头。用“#”把一个队列绑定到 amq.rabbitmq.trace 即可读取。重启后会再次关闭。</translation>
    </message>
    <message>
        <source>Firehose on for virtual host &apos;%1&apos;: publishes and deliveries are copied to amq.rabbitmq.trace.</source>
        <translation>虚拟主机“%1”的 firehose 已开启：发布和投递会复制到 amq.rabbitmq.trace。</translation>
    </message>
    <message>
        <source>Firehose off for virtual host &apos;%1&apos;.</source>
        <translation>虚拟主机“%1”的 firehose 已关闭。</translation>
    </message>
    <message>
        <source>Could not switch the firehose for virtual host &apos;%1&apos;</source>
        <translation>无法切换虚拟主机“%1”的 firehose</translation>
    </message>
    <message>
        <source>Pause deliveries</source>
        <translation>暂停投递</translation>
    </message>
    <message>
        <source>Deliveries paused in virtual host &apos;%1&apos;: messages wait as ready until you step or resume.</source>
        <translation>虚拟主机“%1”的投递已暂停：消息以就绪状态等待，直到你单步或恢复。</translation>
    </message>
    <message>
        <source>Could not pause virtual host &apos;%1&apos;</source>
        <translation>无法暂停虚拟主机“%1”</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Resume deliveries</source>
        <translation>恢复投递</translation>
    </message>
    <message>
        <source>Deliveries resumed in virtual host &apos;%1&apos;.</source>
        <translation>虚拟主机“%1”的投递已恢复。</translation>
    </message>
    <message>
        <source>Could not resume virtual host &apos;%1&apos;</source>
        <translation>无法恢复虚拟主机“%1”</translation>
    </message>
    <message>
        <source>Hold the deliveries of every queue in this virtual host (step mode).</source>
        <translation>暂缓此虚拟主机中每个队列的投递（单步模式）。</translation>
    </message>
    <message>
        <source>Release exactly one message: the oldest ready one that a consumer can take now</source>
        <translation>放出恰好一条消息：消费者现在能接收的最早就绪消息</translation>
    </message>
    <message>
        <source>Let every queue of this virtual host deliver again</source>
        <translation>让此虚拟主机的每个队列重新开始投递</translation>
    </message>
</context>
</TS>
