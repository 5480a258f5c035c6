<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>Warren: an AMQP 0-9-1 message broker with a desktop explorer.</source>
        <translation>Warren：带桌面浏览器的 AMQP 0-9-1 消息代理。</translation>
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
</context>
<context>
    <name>warren::ui::MainWindow</name>
    <message>
        <source>Starting the broker…</source>
        <translation>正在启动代理…</translation>
    </message>
    <message>
        <source>Warren</source>
        <translation>Warren</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>Broker running</source>
        <translation>代理运行中</translation>
    </message>
    <message>
        <source>The broker could not start: %1</source>
        <translation>代理无法启动：%1</translation>
    </message>
    <message>
        <source>Broker stopped</source>
        <translation>代理已停止</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) · %1 messages ready · %2 unacknowledged</source>
        <translation>
            <numerusform>%n 个连接 · %1 条消息就绪 · %2 条未确认</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>warren::ui::QueueTableModel</name>
    <message>
        <source>durable</source>
        <translation>持久</translation>
    </message>
    <message>
        <source>transient</source>
        <translation>临时</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation>虚拟主机</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Unacked</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>Durability</source>
        <translation>持久性</translation>
    </message>
</context>
</TS>
