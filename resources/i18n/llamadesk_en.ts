<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>Compare</name>
        <message numerus="yes">
            <source>%n word(s)</source>
            <translation>
                <numerusform>%n word</numerusform>
                <numerusform>%n words</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Counts</name>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n case</numerusform>
                <numerusform>%n cases</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n request(s)</source>
            <translation>
                <numerusform>%n request</numerusform>
                <numerusform>%n requests</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cell(s)</source>
            <translation>
                <numerusform>%n cell</numerusform>
                <numerusform>%n cells</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s)</source>
            <translation>
                <numerusform>%n answer</numerusform>
                <numerusform>%n answers</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EndpointsDialog</name>
        <message numerus="yes">
            <source>%n model(s) to choose from.</source>
            <translation>
                <numerusform>%n model to choose from.</numerusform>
                <numerusform>%n models to choose from.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FileActions</name>
        <message numerus="yes">
            <source>%n chat(s)</source>
            <translation>
                <numerusform>%n chat</numerusform>
                <numerusform>%n chats</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LibraryFilesController</name>
        <message numerus="yes">
            <source>%n prompt(s)</source>
            <translation>
                <numerusform>%n prompt</numerusform>
                <numerusform>%n prompts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LibraryModels</name>
        <message numerus="yes">
            <source>%n version(s)</source>
            <extracomment>(query, limit, offset) -&gt; that page of prompts, as `PromptLibrary.prompts`.</extracomment>
            <translation>
                <numerusform>%n version</numerusform>
                <numerusform>%n versions</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PromptState</name>
        <message numerus="yes">
            <source>%n version(s)</source>
            <translation>
                <numerusform>%n version</numerusform>
                <numerusform>%n versions</numerusform>
            </translation>
        </message>
    </context>
</TS>
