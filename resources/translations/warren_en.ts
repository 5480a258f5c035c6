<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</context>
<context>
    <name>warren::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n connection(s) · %1 messages ready · %2 unacknowledged</source>
        <translation>
            <numerusform>%n connection · %1 messages ready · %2 unacknowledged</numerusform>
            <numerusform>%n connections · %1 messages ready · %2 unacknowledged</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting the broker…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warren</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The broker could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broker stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>warren::ui::QueueTableModel</name>
    <message>
        <source>durable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unacked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Durability</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
