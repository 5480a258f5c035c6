<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Queues as the broker routes now through the existing bindings, plus what this binding would add.</source>
        <translation>代理当前通过现有绑定路由到的队列，以及此绑定将新增的队列。</translation>
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
</context>
<context>
    <name>warren::ui::CellText</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
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
        <source>The queue survives a broker restart, with its persistent messages.</source>
        <translation>代理重启后，队列及其中的持久化消息仍然保留。</translation>
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
        <source>The peer of the channel&apos;s connection</source>
        <translation>信道所属连接的对端</translation>
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
        <source>The peer of the consumer&apos;s connection</source>
        <translation>消费者所属连接的对端</translation>
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
        <source>D: durable, AD: auto-delete, Excl: exclusive, then the arguments set</source>
        <translation>D：持久化，AD：自动删除，Excl：排他，其后为已设置的参数</translation>
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
        <source>Requeue puts every message back in its place, marked redelivered; ack removes them.</source>
        <translation>重新入队会将每条消息放回原位并标记为重新投递；确认（ack）则会将其移除。</translation>
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
        <source>%1 shown and put back; %2 in the queue.</source>
        <translation>已显示并放回 %1；队列中共 %2 条。</translation>
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
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
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
</context>
<context>
    <name>warren::ui::PermissionsDialog</name>
    <message>
        <source>Permissions of &apos;%1&apos;</source>
        <translation>“%1”的权限</translation>
    </message>
    <message>
        <source>Virtual hosts &apos;%1&apos; may open:</source>
        <translation>“%1”可以打开的虚拟主机：</translation>
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
        <source>&apos;%1&apos; may now open virtual host &apos;%2&apos;.</source>
        <translation>“%1”现在可以打开虚拟主机“%2”。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; may no longer open virtual host &apos;%2&apos;.</source>
        <translation>“%1”不能再打开虚拟主机“%2”。</translation>
    </message>
    <message>
        <source>Could not change the permissions of &apos;%1&apos; on &apos;%2&apos;</source>
        <translation>无法更改“%1”在“%2”上的权限</translation>
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
</context>
</TS>
